package org.abuseloop.logs.sip;

import java.nio.charset.StandardCharsets;
import org.abuseloop.logs.Bytes;

/**
 * Compares and backward text searches over a line's byte array, for the SIP readers' hot paths: they take
 * the array into a local once and call these small static methods, which C1 (the launcher's only
 * compiler for batch commands) compiles to tight loops; {@code Message}'s own methods reload the array
 * from the message on every byte. Stateless and thread-safe; the word-at-a-time searches and
 * compares are {@link Bytes}'.
 */
final class LineBytes {

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
    return at >= lo && at <= hi - t.length && Bytes.equals8(b, at, t);
  }

  /** Last index {@code i >= lo} with {@code t} at {@code [i, i + t.length)} inside {@code [lo, before)}, or -1. */
  static int lastIndexOf(byte[] b, int lo, int before, byte[] t) {
    byte first = t[0];
    int i = before - t.length + 1;
    while ((i = Bytes.lastIndexOf(b, lo, i, first)) >= 0) {
      if (matchesAt(b, i, lo, before, t)) {
        return i;
      }
    }
    return -1;
  }
}
