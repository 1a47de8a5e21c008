package org.abuseloop.logs;

/**
 * The host and program tokens of the last syslog line one source gave ({@code "gw1 kernel: "}, up to
 * 32 bytes with the space after the program), where the program name stood in them, and whether the
 * envelope asked for a program token: a line whose next bytes are the same takes the same reading
 * from one comparison of up to four words instead of the token scans (a firewall log repeats them on
 * every line). Not thread-safe: one per {@link Message}.
 *
 * <p>The envelope's reading of these tokens depends on their bytes alone (every scan stops at a space
 * inside them), so a remembered reading is the one it would make again.
 */
final class HostAndProgram {

  static final int MAX = 32;

  private final long[] words = new long[4];
  /** The bytes remembered, 0 when none; the last word is compared under {@link #lastMask}. */
  private int length;
  private long lastMask;
  private boolean programRequired;
  private int programFrom;
  private int programTo;

  /** True when {@code b} holds the remembered tokens at {@code at} (before {@code end}), read with the same requirement. */
  boolean matches(byte[] b, int at, int end, boolean programRequired) {
    int n = length;
    if (n == 0 || at + n > end || at + MAX > b.length || programRequired != this.programRequired) {
      return false;
    }
    int last = (n - 1) >>> 3;
    for (int w = 0; w < last; w++) {
      if (Bytes.longAt(b, at + 8 * w) != words[w]) {
        return false;
      }
    }
    return (Bytes.longAt(b, at + 8 * last) & lastMask) == words[last];
  }

  /** Remembers the {@code n} bytes at {@code at} (the tokens and the space after them) and the program's place in them. */
  void remember(byte[] b, int at, int n, boolean programRequired, int programFrom, int programTo) {
    if (n <= 0 || n > MAX || at + MAX > b.length) {
      length = 0;
      return;
    }
    int last = (n - 1) >>> 3;
    int tail = n - 8 * last;
    lastMask = tail == 8 ? -1L : (1L << (8 * tail)) - 1;
    for (int w = 0; w < last; w++) {
      words[w] = Bytes.longAt(b, at + 8 * w);
    }
    words[last] = Bytes.longAt(b, at + 8 * last) & lastMask;
    this.length = n;
    this.programRequired = programRequired;
    this.programFrom = programFrom;
    this.programTo = programTo;
  }

  /** The remembered tokens' length, with the space after them: the message starts this far after them. */
  int length() {
    return length;
  }

  /** Where the program name starts, counted from the tokens' first byte. */
  int programFrom() {
    return programFrom;
  }

  /** Where the program name ends, counted from the tokens' first byte. */
  int programTo() {
    return programTo;
  }
}
