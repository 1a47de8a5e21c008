package org.abuseloop.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR: a {@code long} read from the array, then bit tricks that
 * flag the bytes equal to the one sought), for the scans every line goes through. Written by hand
 * because Java 17 has no vectorised byte search on arrays outside an incubator module. Stateless and
 * thread-safe.
 */
final class Bytes {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /** A word with every byte set to {@code b}, to pass to {@link #indexOf(byte[], int, int, byte, long)}. */
  static long broadcast(byte b) {
    return (b & 0xFFL) * ONES;
  }

  /** First index in {@code [from, to)} holding {@code b}, or -1. */
  static int indexOf(byte[] a, int from, int to, byte b) {
    return indexOf(a, from, to, b, broadcast(b));
  }

  /** As {@link #indexOf(byte[], int, int, byte)}, with {@code pattern == broadcast(b)} precomputed. */
  static int indexOf(byte[] a, int from, int to, byte b, long pattern) {
    int i = from;
    for (int last = to - 8; i <= last; i += 8) {
      long x = (long) LONGS.get(a, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        // The lowest flagged byte is always a true match (borrows only run towards higher bytes).
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * First index {@code i} in {@code [from, to)} where {@code a[i] == b0 && a[i + 1] == b1}, or -1;
   * {@code p0} and {@code p1} are their {@link #broadcast}s, and {@code a[to]} must exist. Checking two
   * bytes at once leaves far fewer false starts than the first byte alone when it is a common one
   * (a space, a quote).
   */
  static int indexOfPair(byte[] a, int from, int to, byte b0, byte b1, long p0, long p1) {
    int i = from;
    for (int last = to - 8; i <= last && i + 9 <= a.length; i += 8) {
      long both = zeroBytes((long) LONGS.get(a, i) ^ p0) & zeroBytes((long) LONGS.get(a, i + 1) ^ p1);
      if (both != 0) {
        return i + (Long.numberOfTrailingZeros(both) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] == b0 && a[i + 1] == b1) {
        return i;
      }
    }
    return -1;
  }

  /** The high bit of each byte of {@code x} that is zero, exactly (no borrow between bytes). */
  private static long zeroBytes(long x) {
    return ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
  }

  /**
   * True when {@code a[at, at + n.length)} equals {@code n}, which has at least eight bytes, compared
   * eight at a time (the last word overlapping the one before).
   */
  static boolean equals8(byte[] a, int at, byte[] n) {
    int k = 0;
    for (int last = n.length - 8; k < last; k += 8) {
      if ((long) LONGS.get(a, at + k) != (long) LONGS.get(n, k)) {
        return false;
      }
    }
    int t = n.length - 8;
    return (long) LONGS.get(a, at + t) == (long) LONGS.get(n, t);
  }

  /** How many bytes in {@code [from, to)} hold {@code b}. */
  static int count(byte[] a, int from, int to, byte b) {
    long pattern = broadcast(b);
    int n = 0;
    int i = from;
    for (int last = to - 8; i <= last; i += 8) {
      n += Long.bitCount(zeroBytes((long) LONGS.get(a, i) ^ pattern));
    }
    for (; i < to; i++) {
      if (a[i] == b) {
        n++;
      }
    }
    return n;
  }
}
