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

  /** How many bytes in {@code [from, to)} hold {@code b}. */
  static int count(byte[] a, int from, int to, byte b) {
    long pattern = broadcast(b);
    int n = 0;
    int i = from;
    for (int last = to - 8; i <= last; i += 8) {
      long x = (long) LONGS.get(a, i) ^ pattern;
      // Exact per byte: set the high bit of each byte that is zero, without borrows between bytes.
      long zero = ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
      n += Long.bitCount(zero);
    }
    for (; i < to; i++) {
      if (a[i] == b) {
        n++;
      }
    }
    return n;
  }
}
