package org.abuseloop.logs;

import java.nio.charset.StandardCharsets;

/**
 * A fixed ASCII anchor that parsers look for in a line, such as {@code "' failed for '"}. Immutable
 * and thread-safe: parsers keep their needles in static constants.
 */
public final class Needle {

  final byte[] bytes;
  /** The first byte repeated in each byte of a word, for {@link Bytes#indexOf(byte[], int, int, byte, long)}. */
  final long firstBytes;
  /** The second byte repeated likewise (the first again for a needle of one byte). */
  final long secondBytes;
  /** The first (up to) eight bytes as a little-endian word, and the mask of the bytes that count in it. */
  private final long head;
  private final long headMask;
  private final String text;

  private Needle(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("empty needle");
    }
    this.firstBytes = Bytes.broadcast(bytes[0]);
    this.secondBytes = Bytes.broadcast(bytes[bytes.length > 1 ? 1 : 0]);
    long h = 0;
    for (int i = Math.min(bytes.length, 8) - 1; i >= 0; i--) {
      h = (h << 8) | (bytes[i] & 0xFF);
    }
    this.head = h;
    this.headMask = bytes.length >= 8 ? -1L : (1L << (8 * bytes.length)) - 1;
  }

  /**
   * True when {@code a[at, at + length())} holds this needle ({@code at} and that range inside
   * {@code a}): the first eight bytes in one word comparison, the rest by {@link Bytes#equalsAfter8}.
   */
  boolean matches(byte[] a, int at) {
    if (at + 8 > a.length) {
      return java.util.Arrays.equals(a, at, at + bytes.length, bytes, 0, bytes.length); // the array's last bytes
    }
    return (Bytes.longAt(a, at) & headMask) == head && (bytes.length <= 8 || Bytes.equalsAfter8(a, at, bytes));
  }

  public static Needle of(String text) {
    return new Needle(text);
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return text;
  }
}
