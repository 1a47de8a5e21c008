package org.abuseloop.logs.sip;

import org.abuseloop.logs.Message;

/**
 * Reads the head FreeSWITCH writes before a log message, after the frame's date: the CPU idle share
 * of newer versions ({@code 96.03% }), the level ({@code [WARNING] }) and the source position
 * ({@code sofia_reg.c:1533 }, or {@code [SOFIA] [sofia_reg.c:4130] } in other set-ups). When syslog
 * wraps the line, the message still starts with FreeSWITCH's own (call UUID and) date, which is
 * skipped too. Stateless and thread-safe.
 */
final class FreeswitchPrefix {

  private static final String LONG_DATE = "dddd-dd-dd dd:dd:dd";
  private static final String SHORT_DATE = "dd-dd dd:dd:dd";
  private static final String UUID = "hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh ";
  private static final int MAX_BRACKETED = 2;
  private static final int MAX_TOKEN = 64;

  private FreeswitchPrefix() {}

  /** Index where the message text starts, or -1 when the head has no {@code [LEVEL]}. */
  static int bodyStart(Message m) {
    int i = m.start();
    if (matchesShape(m, i, UUID)) {
      i += UUID.length();
    }
    i = skipDate(m, i);
    i = skipPercent(m, i);
    i = skipLevel(m, i);
    if (i < 0) {
      return -1;
    }
    for (int n = 0; n < MAX_BRACKETED && i < m.end() && m.byteAt(i) == '['; n++) {
      int close = m.indexOf((byte) ']', i);
      if (close < 0 || close - i > MAX_TOKEN || close + 1 >= m.end() || m.byteAt(close + 1) != ' ') {
        return -1;
      }
      i = skipSpaces(m, close + 1);
    }
    return skipSourcePosition(m, i);
  }

  /** Skips {@code YYYY-MM-DD HH:MM:SS[.frac] } or {@code MM-DD HH:MM:SS[.frac] }. */
  private static int skipDate(Message m, int i) {
    int j;
    if (matchesShape(m, i, LONG_DATE)) {
      j = i + LONG_DATE.length();
    } else if (matchesShape(m, i, SHORT_DATE)) {
      j = i + SHORT_DATE.length();
    } else {
      return i;
    }
    if (j < m.end() && m.byteAt(j) == '.') {
      j = m.digitsEnd(j + 1);
    }
    return j < m.end() && m.byteAt(j) == ' ' ? skipSpaces(m, j) : i;
  }

  private static int skipPercent(Message m, int i) {
    int j = i;
    while (j < m.end() && ((m.byteAt(j) >= '0' && m.byteAt(j) <= '9') || m.byteAt(j) == '.')) {
      j++;
    }
    return j > i && j + 1 < m.end() && m.byteAt(j) == '%' && m.byteAt(j + 1) == ' ' ? skipSpaces(m, j + 1) : i;
  }

  /** {@code [LEVEL] } in capitals; index after it, or -1. */
  private static int skipLevel(Message m, int i) {
    if (i >= m.end() || m.byteAt(i) != '[') {
      return -1;
    }
    int j = i + 1;
    while (j < m.end() && m.byteAt(j) >= 'A' && m.byteAt(j) <= 'Z') {
      j++;
    }
    return j > i + 1 && j + 1 < m.end() && m.byteAt(j) == ']' && m.byteAt(j + 1) == ' ' ? skipSpaces(m, j + 1) : -1;
  }

  /** Skips {@code file.c:NNN } when it stands at {@code i}. */
  private static int skipSourcePosition(Message m, int i) {
    int j = i;
    while (j < m.end() && j - i <= MAX_TOKEN && m.byteAt(j) != ' ' && m.byteAt(j) != ':') {
      j++;
    }
    if (j >= m.end() || m.byteAt(j) != ':' || m.lastIndexOf((byte) '.', j) < i) {
      return i;
    }
    int digitsEnd = m.digitsEnd(j + 1);
    return digitsEnd > j + 1 && digitsEnd < m.end() && m.byteAt(digitsEnd) == ' ' ? skipSpaces(m, digitsEnd) : i;
  }

  private static int skipSpaces(Message m, int i) {
    while (i < m.end() && m.byteAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** True when the bytes at {@code i} fit {@code shape}: d a digit, h a lower-case hex digit, others literally. */
  private static boolean matchesShape(Message m, int i, String shape) {
    if (m.end() - i < shape.length()) {
      return false;
    }
    for (int k = 0; k < shape.length(); k++) {
      byte c = m.byteAt(i + k);
      char s = shape.charAt(k);
      boolean ok = switch (s) {
        case 'd' -> c >= '0' && c <= '9';
        case 'h' -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        default -> c == s;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
