package org.abuseloop.logs.mail;

import org.abuseloop.logs.Message;

/**
 * Skips what Exim and the log shippers put before an Exim message: a second date (journal lines), a
 * {@code host exim[pid]:} tag left by a dated frame, the {@code [pid]} of {@code log_selector = +pid}
 * and the message id ({@code 1ahr79-0006jK-G9}). Stateless and thread-safe.
 */
final class EximPrefix {

  private EximPrefix() {}

  /** Index of the first byte of the Exim message proper. */
  static int skip(Message m) {
    int p = m.start();
    p = skipDate(m, p);
    p = skipProgramTag(m, p);
    p = skipPid(m, p);
    return skipMessageId(m, p);
  }

  /** {@code YYYY-MM-DD HH:MM:SS[.fff][ +HHMM] }. */
  private static int skipDate(Message m, int p) {
    if (p + 20 > m.end() || !digits(m, p, 4) || m.byteAt(p + 4) != '-' || !digits(m, p + 5, 2) || m.byteAt(p + 7) != '-'
        || !digits(m, p + 8, 2) || m.byteAt(p + 10) != ' ' || !digits(m, p + 11, 2) || m.byteAt(p + 13) != ':') {
      return p;
    }
    int i = p + 19;
    if (i < m.end() && m.byteAt(i) == '.') {
      i = m.digitsEnd(i + 1);
    }
    if (i + 6 < m.end() && m.byteAt(i) == ' ' && (m.byteAt(i + 1) == '+' || m.byteAt(i + 1) == '-') && digits(m, i + 2, 4)) {
      i += 6;
    }
    return i < m.end() && m.byteAt(i) == ' ' ? i + 1 : p;
  }

  /** {@code [host ]exim[pid]: } or {@code [host ]exim4[pid]: }. */
  private static int skipProgramTag(Message m, int p) {
    int first = m.indexOf((byte) ' ', p);
    if (first < 0) {
      return p;
    }
    if (isEximTag(m, p, first)) {
      return first + 1;
    }
    int second = m.indexOf((byte) ' ', first + 1);
    return second > 0 && isEximTag(m, first + 1, second) ? second + 1 : p;
  }

  private static boolean isEximTag(Message m, int from, int to) {
    return to - from >= 6 && m.byteAt(from) == 'e' && m.byteAt(from + 1) == 'x' && m.byteAt(from + 2) == 'i'
        && m.byteAt(from + 3) == 'm' && m.byteAt(to - 1) == ':';
  }

  /** {@code [12345] }. */
  private static int skipPid(Message m, int p) {
    if (p < m.end() && m.byteAt(p) == '[') {
      int close = m.digitsEnd(p + 1);
      if (close > p + 1 && close + 1 < m.end() && m.byteAt(close) == ']' && m.byteAt(close + 1) == ' ') {
        return close + 2;
      }
    }
    return p;
  }

  /** {@code 1ahr79-0006jK-G9 } (6-6-2) or the Exim 4.97 form (6-11-4). */
  private static int skipMessageId(Message m, int p) {
    int i = p;
    int dashes = 0;
    int limit = Math.min(m.end(), p + 24);
    while (i < limit && (isAlnum(m.byteAt(i)) || m.byteAt(i) == '-')) {
      dashes += m.byteAt(i) == '-' ? 1 : 0;
      i++;
    }
    int length = i - p;
    boolean id = dashes == 2 && (length == 16 || length == 23) && m.byteAt(p + 6) == '-';
    return id && i < m.end() && m.byteAt(i) == ' ' ? i + 1 : p;
  }

  private static boolean digits(Message m, int at, int count) {
    return m.digitsEnd(at) >= at + count;
  }

  private static boolean isAlnum(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
