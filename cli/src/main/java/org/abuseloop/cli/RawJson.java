package org.abuseloop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing buffer of JSON text already encoded as ASCII bytes, written whole to the stream under a
 * Jackson generator (see {@link PortEntriesJson}). Not thread-safe; {@link #clear} makes it ready for the
 * next piece, {@link #truncate} takes back what was appended since a length.
 */
final class RawJson {

  private byte[] bytes = new byte[1 << 16];
  private char[] chars = new char[64];
  private int length;

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  /** Drops what was appended after the first {@code length} bytes. */
  void truncate(int length) {
    this.length = length;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  /** Appends bytes that are already JSON text. */
  RawJson append(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, bytes, length, text.length);
    length += text.length;
    return this;
  }

  /**
   * Appends {@code s} quoted when it is printable ASCII without quote or backslash, JSON text as it is;
   * false, with some of it appended, when it is not (the caller takes back the piece).
   */
  boolean appendPlainString(String s) {
    int n = s.length();
    ensure(n + 2);
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    s.getChars(0, n, chars, 0);
    byte[] b = bytes;
    int at = length;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
      b[at++] = (byte) c;
    }
    b[at++] = '"';
    length = at;
    return true;
  }

  /** Appends a number in decimal, as Jackson writes a {@code long}. */
  RawJson appendLong(long v) {
    ensure(20);
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return append(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
      }
      bytes[length++] = '-';
      v = -v;
    }
    int digits = digits(v);
    int end = length + digits;
    for (int i = end - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length = end;
    return this;
  }

  private static int digits(long v) {
    int d = 1;
    for (long limit = 10; v >= limit && d < 19; limit *= 10) {
      d++;
    }
    return d;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
