package org.abuseloop.logs.sip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Compares and backward searches over a line's byte array, for the SIP readers' hot paths: they take
 * the array into a local once and call these small static methods, which C1 (the launcher's only
 * compiler for batch commands) compiles to tight loops; {@code Message}'s own methods reload the array
 * from the message on every byte. Stateless and thread-safe.
 *
 * <p>The backward byte search reads eight bytes at a time (a {@code long} from the array, then bit
 * tricks that flag the bytes equal to the one sought), as {@code org.abuseloop.logs.Bytes} does
 * forwards: Java 17 has no vectorised byte search on arrays outside an incubator module.
 */
final class LineBytes {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private LineBytes() {}

  /** The bytes of a fixed ASCII text. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** True when {@code t} stands at {@code at}, entirely inside {@code [lo, hi)}. */
  static boolean matchesAt(byte[] b, int at, int lo, int hi, byte[] t) {
    if (t.length >= Long.BYTES) {
      return wordsMatch(b, at, lo, hi, t);
    }
    if (at < lo || at > hi - t.length) {
      return false;
    }
    for (int k = 0; k < t.length; k++) {
      if (b[at + k] != t[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code t} (at least eight bytes) stands at {@code at}, entirely inside {@code [lo, hi)},
   * compared eight bytes at a time (the last word overlapping the one before).
   */
  static boolean wordsMatch(byte[] b, int at, int lo, int hi, byte[] t) {
    if (at < lo || at > hi - t.length) {
      return false;
    }
    int last = t.length - Long.BYTES;
    for (int k = 0; k < last; k += Long.BYTES) {
      if ((long) LONGS.get(b, at + k) != (long) LONGS.get(t, k)) {
        return false;
      }
    }
    return (long) LONGS.get(b, at + last) == (long) LONGS.get(t, last);
  }

  /** Last index {@code i >= lo} with {@code t} at {@code [i, i + t.length)} inside {@code [lo, before)}, or -1. */
  static int lastIndexOf(byte[] b, int lo, int before, byte[] t) {
    byte first = t[0];
    int i = before - t.length + 1;
    while ((i = lastIndexOf(b, lo, i, first)) >= 0) {
      if (matchesAt(b, i, lo, before, t)) {
        return i;
      }
    }
    return -1;
  }

  /** Last index in {@code [lo, before)} holding {@code c}, or -1. */
  static int lastIndexOf(byte[] b, int lo, int before, byte c) {
    long pattern = (c & 0xFFL) * ONES;
    int i = before - Long.BYTES;
    for (; i >= lo; i -= Long.BYTES) {
      long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
      if (found != 0) {
        return i + highestByte(found);
      }
    }
    for (int k = i + 7; k >= lo; k--) {
      if (b[k] == c) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Index (0 to 7) of the lowest byte flagged in {@code flags} (not 0). Three tests rather than
   * {@link Long#numberOfTrailingZeros}, which C1 on Java 17 calls as Java code (two calls deep).
   */
  private static int lowestByte(long flags) {
    long f = flags;
    int k = 0;
    if ((int) f == 0) {
      k = 4;
      f >>>= 32;
    }
    if ((f & 0xFFFF) == 0) {
      k += 2;
      f >>>= 16;
    }
    return (f & 0xFF) == 0 ? k + 1 : k;
  }

  /** Index (0 to 7) of the highest byte flagged in {@code flags} (not 0), likewise. */
  private static int highestByte(long flags) {
    long f = flags;
    int k = 0;
    if ((f >>> 32) != 0) {
      k = 4;
      f >>>= 32;
    }
    if ((f >>> 16) != 0) {
      k += 2;
      f >>>= 16;
    }
    return (f >>> 8) != 0 ? k + 1 : k;
  }

  /** The high bit of each byte of {@code x} that is zero, exactly (no borrow between bytes). */
  private static long zeroBytes(long x) {
    return ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
  }

  /** First index in {@code [from, to)} holding {@code c}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte c) {
    long pattern = (c & 0xFFL) * ONES;
    int i = from;
    for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
      long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
      if (found != 0) {
        return i + lowestByte(found);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
