package org.abuseloop.intel;

import java.math.BigInteger;
import java.util.List;

/**
 * The IPv6 half of a {@link RangeTable}: span starts as two sorted long arrays (upper and lower 64
 * bits, sign bit flipped for unsigned order) searched by branch-free bisection, and the owning
 * range of each span. Immutable and thread-safe.
 *
 * <p>Branch-free (the JIT emits conditional moves) measured twice as fast as a branching bisection
 * on random addresses; a cached sample of every 32nd start in front of it gained nothing.
 */
final class Ipv6Spans {

  private final long[] highs;
  private final long[] lows;
  private final ProviderRange[] values;

  Ipv6Spans(List<NestedRanges.Boundary> boundaries) {
    int n = boundaries.size();
    highs = new long[n];
    lows = new long[n];
    values = new ProviderRange[n];
    for (int i = 0; i < n; i++) {
      BigInteger start = boundaries.get(i).start();
      highs[i] = start.shiftRight(64).longValue() ^ Long.MIN_VALUE;
      lows[i] = start.longValue() ^ Long.MIN_VALUE;
      values[i] = boundaries.get(i).value();
    }
  }

  int size() {
    return highs.length;
  }

  /** The range owning the address, or null. Allocates nothing. */
  ProviderRange find(long high, long low) {
    long h = high ^ Long.MIN_VALUE;
    long l = low ^ Long.MIN_VALUE;
    int base = 0;
    int n = highs.length;
    while (n > 1) {
      int half = n >>> 1;
      int mid = base + half;
      long sh = highs[mid];
      base = sh < h || (sh == h && lows[mid] <= l) ? mid : base;
      n -= half;
    }
    return values[base];
  }
}
