package org.abuseloop.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR: a {@code long} read from the array, then bit tricks that
 * flag the bytes equal to the one sought), forwards and backwards, for the scans every line goes
 * through. Written by hand because Java 17 has no vectorised byte search on arrays outside an
 * incubator module. Stateless and thread-safe.
 *
 * <p>Tuned for C1, which the launcher runs batch commands with: a flagged byte's index comes from a
 * multiplication ({@link #lowestFlagged}) because C1 in JDK 17 compiles
 * {@code Long.numberOfTrailingZeros} as a call to a method too large to inline (22% of a search's
 * time in a microbenchmark); C2 does as well with either form.
 */
public final class Bytes {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /** The eight bytes at {@code a[i, i + 8)} as one word (little-endian); for comparing fixed-width text at once. */
  static long longAt(byte[] a, int i) {
    return (long) LONGS.get(a, i);
  }

  /** A word with every byte set to {@code b}, to pass to {@link #indexOf(byte[], int, int, byte, long)}. */
  static long broadcast(byte b) {
    return (b & 0xFFL) * ONES;
  }

  /** First index in {@code [from, to)} holding {@code b}, or -1. */
  public static int indexOf(byte[] a, int from, int to, byte b) {
    return indexOf(a, from, to, b, broadcast(b));
  }

  /** As {@link #indexOf(byte[], int, int, byte)}, with {@code pattern == broadcast(b)} precomputed. */
  static int indexOf(byte[] a, int from, int to, byte b, long pattern) {
    int i = from;
    // Sixteen bytes a round while they last (C1 does not unroll loops; a log line is 100-300 bytes).
    for (int last = to - 16; i <= last; i += 16) {
      long x0 = (long) LONGS.get(a, i) ^ pattern;
      long x1 = (long) LONGS.get(a, i + 8) ^ pattern;
      long found0 = (x0 - ONES) & ~x0 & HIGHS;
      long found1 = (x1 - ONES) & ~x1 & HIGHS;
      if ((found0 | found1) != 0) {
        return found0 != 0 ? i + lowestFlagged(found0) : i + 8 + lowestFlagged(found1);
      }
    }
    for (int last = to - 8; i <= last; i += 8) {
      long x = (long) LONGS.get(a, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        // The lowest flagged byte is always a true match (borrows only run towards higher bytes).
        return i + lowestFlagged(found);
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
    for (int last = Math.min(to - 8, a.length - 9); i <= last; i += 8) {
      long both = zeroBytes((long) LONGS.get(a, i) ^ p0) & zeroBytes((long) LONGS.get(a, i + 1) ^ p1);
      if (both != 0) {
        return i + lowestFlagged(both);
      }
    }
    for (; i < to; i++) {
      if (a[i] == b0 && a[i + 1] == b1) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Last index {@code i} in {@code [from, to)} where {@code a[i] == b0 && a[i + 1] == b1}, or -1; as
   * {@link #indexOfPair} searching backwards ({@code a[to]} must exist).
   */
  static int lastIndexOfPair(byte[] a, int from, int to, byte b0, byte b1, long p0, long p1) {
    int i = to - 8;
    for (; i >= from; i -= 8) {
      long both = zeroBytes((long) LONGS.get(a, i) ^ p0) & zeroBytes((long) LONGS.get(a, i + 1) ^ p1);
      if (both != 0) {
        return i + highestFlagged(both);
      }
    }
    for (int j = i + 7; j >= from; j--) {
      if (a[j] == b0 && a[j + 1] == b1) {
        return j;
      }
    }
    return -1;
  }

  /** Last index in {@code [from, to)} holding {@code b}, or -1. */
  public static int lastIndexOf(byte[] a, int from, int to, byte b) {
    long pattern = broadcast(b);
    int i = to - 8;
    for (; i >= from; i -= 8) {
      // Exact flags (a borrow could flag a byte above a true match, and the highest one is wanted here).
      long found = zeroBytes((long) LONGS.get(a, i) ^ pattern);
      if (found != 0) {
        return i + highestFlagged(found);
      }
    }
    for (int j = i + 7; j >= from; j--) {
      if (a[j] == b) {
        return j;
      }
    }
    return -1;
  }

  /**
   * The number of the lowest byte of {@code flags} whose high bit is set (0 for the least significant
   * byte), {@code flags} being non-zero with no other bits set: the lowest flag moved to bit 0 of its
   * byte, times a word whose byte {@code 7 - k} holds {@code k}, leaves that number in the top byte.
   */
  static int lowestFlagged(long flags) {
    return (int) ((((flags & -flags) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /**
   * The number of the highest byte of {@code flags} whose high bit is set, {@code flags} being as for
   * {@link #lowestFlagged}: the flags smeared into every lower byte, then counted by a multiplication.
   * (Not a big-endian read and {@link #lowestFlagged}: C1 calls {@code Long.reverseBytes} for that.)
   */
  static int highestFlagged(long flags) {
    long f = flags >>> 7;
    f |= f >>> 8;
    f |= f >>> 16;
    f |= f >>> 32;
    return (int) ((f * ONES) >>> 56) - 1;
  }

  /** The high bit of each byte of {@code x} that is zero, exactly (no borrow between bytes). */
  private static long zeroBytes(long x) {
    return ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
  }

  /**
   * True when {@code a[at, at + n.length)} equals {@code n}, which has at least eight bytes, compared
   * eight at a time (the last word overlapping the one before).
   */
  public static boolean equals8(byte[] a, int at, byte[] n) {
    int k = 0;
    for (int last = n.length - 8; k < last; k += 8) {
      if ((long) LONGS.get(a, at + k) != (long) LONGS.get(n, k)) {
        return false;
      }
    }
    int t = n.length - 8;
    return (long) LONGS.get(a, at + t) == (long) LONGS.get(n, t);
  }

  /**
   * True when {@code a[at + 8, at + n.length)} equals the same bytes of {@code n}, which has more than
   * eight bytes (the first eight compared already), eight at a time, the last word overlapping.
   */
  static boolean equalsAfter8(byte[] a, int at, byte[] n) {
    int t = n.length - 8;
    for (int k = 8; k < t; k += 8) {
      if ((long) LONGS.get(a, at + k) != (long) LONGS.get(n, k)) {
        return false;
      }
    }
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
