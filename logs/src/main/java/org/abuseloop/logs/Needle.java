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
  private final String text;

  private Needle(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("empty needle");
    }
    this.firstBytes = Bytes.broadcast(bytes[0]);
    this.secondBytes = Bytes.broadcast(bytes[bytes.length > 1 ? 1 : 0]);
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
