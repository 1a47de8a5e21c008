package org.abuseloop.logs.sip;

import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Reads the head of an Asterisk log message, which the service writes itself: an optional repeated
 * date ({@code [Mar 27 10:06:14] }, when syslog or the journal wraps Asterisk's own line), the level
 * and thread ({@code NOTICE[1638]}, {@code NOTICE [1638]:}, {@code WARNING[6756][C-0000001d]:}) and
 * the origin: a source file ({@code chan_sip.c:}, {@code chan_sip.c:23417 in handle_request_register:})
 * or, for dial plan {@code Log()} lines, an extension ({@code Ext. s:6 in @ from-sip-external:}).
 * Stateless and thread-safe.
 */
final class AsteriskPrefix {

  private static final Needle IN = Needle.of("in ");
  private static final Needle COLON_SPACE = Needle.of(": ");
  private static final Needle EXT_S = Needle.of("Ext. s:");
  private static final int MAX_DATE = 40;
  private static final int MAX_CALL_ID = 32;

  private AsteriskPrefix() {}

  /** Index where the origin starts (after level and thread), or -1 when the head is not Asterisk's. */
  static int originStart(Message m) {
    int end = m.end();
    int i = skipOwnDate(m, m.start());
    int j = i;
    while (j < end && m.byteAt(j) >= 'A' && m.byteAt(j) <= 'Z') {
      j++;
    }
    if (j - i < 4) {
      return -1;
    }
    if (j < end && m.byteAt(j) == ' ') {
      j++;
    }
    j = skipThread(m, j);
    if (j < 0) {
      return -1;
    }
    if (j < end && m.byteAt(j) == '[') {
      int close = m.indexOf((byte) ']', j);
      if (close < 0 || close - j > MAX_CALL_ID) {
        return -1;
      }
      j = close + 1;
    }
    if (j < end && m.byteAt(j) == ':') {
      j++;
    }
    if (j >= end || m.byteAt(j) != ' ') {
      return -1;
    }
    return skipSpaces(m, j);
  }

  /**
   * Index of the text after a source file origin ({@code file.c: }, {@code file.c:NNN func: },
   * {@code file.c:NNN in func: }), or -1 when the origin is not a source file.
   */
  static int bodyAfterFile(Message m, int origin) {
    int end = m.end();
    int j = origin;
    while (j < end && isFileChar(m.byteAt(j))) {
      j++;
    }
    if (j - origin < 3 || m.byteAt(j - 2) != '.' || m.byteAt(j - 1) != 'c' || j >= end || m.byteAt(j) != ':') {
      return -1;
    }
    j++;
    int digitsEnd = m.digitsEnd(j);
    if (digitsEnd > j && digitsEnd < end && m.byteAt(digitsEnd) == ' ') {
      j = skipFunction(m, digitsEnd + 1);
      if (j < 0) {
        return -1;
      }
    } else if (digitsEnd > j && digitsEnd < end && m.byteAt(digitsEnd) == ':') {
      j = digitsEnd + 1;
    }
    if (j >= end || m.byteAt(j) != ' ') {
      return -1;
    }
    return skipSpaces(m, j);
  }

  /**
   * Index of the text after a dial plan origin for extension {@code s} ({@code Ext. s: },
   * {@code Ext. s:6 in @ from-sip-external: }), or -1. Other extensions are what the caller dialled,
   * so their origin is not the service's own text.
   */
  static int bodyAfterExtensionS(Message m, int origin) {
    if (!m.matchesAt(origin, EXT_S)) {
      return -1;
    }
    int colon = m.indexOf(COLON_SPACE, origin + EXT_S.length() - 1);
    return colon < 0 ? -1 : skipSpaces(m, colon + 1);
  }

  /** After {@code NNN }: an optional {@code in }, a function name and a colon; index after the colon. */
  private static int skipFunction(Message m, int i) {
    int f = m.matchesAt(i, IN) ? i + IN.length() : i;
    int e = f;
    while (e < m.end() && isIdentifierChar(m.byteAt(e))) {
      e++;
    }
    return e > f && e < m.end() && m.byteAt(e) == ':' ? e + 1 : -1;
  }

  private static int skipThread(Message m, int i) {
    if (i >= m.end() || m.byteAt(i) != '[') {
      return -1;
    }
    int d = m.digitsEnd(i + 1);
    return d > i + 1 && d < m.end() && m.byteAt(d) == ']' ? d + 1 : -1;
  }

  /** Skips {@code [date] } when the message repeats Asterisk's own timestamp. */
  private static int skipOwnDate(Message m, int i) {
    if (i >= m.end() || m.byteAt(i) != '[') {
      return i;
    }
    boolean sawColon = false;
    for (int j = i + 1; j < m.end() && j - i <= MAX_DATE; j++) {
      byte c = m.byteAt(j);
      if (c == ']') {
        return sawColon && j + 1 < m.end() && m.byteAt(j + 1) == ' ' ? skipSpaces(m, j + 1) : i;
      }
      sawColon |= c == ':';
      if (!isDateChar(c)) {
        return i;
      }
    }
    return i;
  }

  private static int skipSpaces(Message m, int i) {
    while (i < m.end() && m.byteAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static boolean isDateChar(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
        || c == ' ' || c == ':' || c == '-' || c == '.' || c == '+';
  }

  private static boolean isFileChar(byte c) {
    return isIdentifierChar(c) || c == '.' || c == '/' || c == '-';
  }

  private static boolean isIdentifierChar(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }
}
