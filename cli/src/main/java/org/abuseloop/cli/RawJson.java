package org.abuseloop.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing buffer of JSON text already encoded as ASCII bytes, handed to a Jackson generator whole as
 * one raw value ({@code writeRawValue}), which copies it into its output. Not thread-safe; {@link #clear}
 * makes it ready for the next piece.
 *
 * <p>Made by hand because Jackson has no raw value backed by a byte array: its {@code SerializedString}
 * takes a {@code String}, which would be encoded again. Only {@code appendUnquotedUTF8} and
 * {@code asUnquotedUTF8} are used by the generator's {@code writeRaw}; the quoted forms, which it never
 * asks of a raw value, go through a {@code SerializedString} of the same text.
 */
final class RawJson implements SerializableString {

  private byte[] bytes = new byte[1 << 15];
  private int length;

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  /** Appends bytes that are already JSON text. */
  RawJson append(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, bytes, length, text.length);
    length += text.length;
    return this;
  }

  /** Appends a string of printable ASCII that needs no escape, quoted (see {@link #isPlain}). */
  RawJson appendPlainString(String s) {
    int n = s.length();
    ensure(n + 2);
    bytes[length++] = '"';
    s.getBytes(0, n, bytes, length); // deprecated for text in general; exact for the ASCII checked by isPlain
    length += n;
    bytes[length++] = '"';
    return this;
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

  /** True when {@code s} is printable ASCII without quote or backslash: JSON text as it is, quoted. */
  static boolean isPlain(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    if (offset + length > buffer.length) {
      return -1;
    }
    System.arraycopy(bytes, 0, buffer, offset, length);
    return length;
  }

  @Override
  public byte[] asUnquotedUTF8() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public String getValue() {
    return new String(bytes, 0, length, StandardCharsets.US_ASCII);
  }

  @Override
  public int charLength() {
    return length;
  }

  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    if (offset + length > buffer.length) {
      return -1;
    }
    for (int i = 0; i < length; i++) {
      buffer[offset + i] = (char) bytes[i];
    }
    return length;
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
    return length;
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer buffer) {
    if (length > buffer.remaining()) {
      return -1;
    }
    buffer.put(bytes, 0, length);
    return length;
  }

  @Override
  public char[] asQuotedChars() {
    return quoted().asQuotedChars();
  }

  @Override
  public byte[] asQuotedUTF8() {
    return quoted().asQuotedUTF8();
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    return quoted().appendQuotedUTF8(buffer, offset);
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    return quoted().appendQuoted(buffer, offset);
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) throws IOException {
    return quoted().writeQuotedUTF8(out);
  }

  @Override
  public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
    return quoted().putQuotedUTF8(buffer);
  }

  private SerializedString quoted() {
    return new SerializedString(getValue());
  }
}
