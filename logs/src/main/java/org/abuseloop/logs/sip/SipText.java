package org.abuseloop.logs.sip;

import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Small readings shared by the SIP server parsers: the end of a message without trailing blanks, the
 * user part of a SIP URI, a user name without its {@code @domain}. All text they return is attacker
 * controlled and goes through {@link Message#text}. Stateless and thread-safe.
 */
final class SipText {

  private static final Needle SIP = Needle.of("sip:");
  private static final Needle SIPS = Needle.of("sips:");

  private SipText() {}

  /** The message end without trailing spaces, tabs and carriage returns. */
  static int trimmedEnd(Message m) {
    byte[] b = m.bytes();
    int start = m.start();
    int e = m.end();
    while (e > start && isBlank(b[e - 1])) {
      e--;
    }
    return e;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /** True when {@code [from, to)} holds exactly {@code needle}. */
  static boolean equals(Message m, int from, int to, Needle needle) {
    return to - from == needle.length() && m.matchesAt(from, needle);
  }

  /**
   * The user part of the first {@code sip:} or {@code sips:} URI in {@code [from, to)}, or null. Both
   * start with {@code sip}, so one scan finds the first of either; one that would leave no user before
   * {@code to} ends the search (any later one would leave even less).
   */
  static String uriUser(Message m, int from, int to) {
    byte[] b = m.bytes();
    int end = m.end();
    int last = Math.min(to, end) - SIP.length();
    for (int i = Math.max(from, m.start()); i < last; i++) {
      if (b[i] == 's' && b[i + 1] == 'i' && b[i + 2] == 'p') {
        if (b[i + 3] == ':') {
          return userBeforeAt(m, b, i + SIP.length(), to);
        }
        if (b[i + 3] == 's' && b[i + 4] == ':') {
          return i + SIPS.length() < to ? userBeforeAt(m, b, i + SIPS.length(), to) : null;
        }
      }
    }
    return null;
  }

  /** The text from {@code userStart} to the first {@code @} before {@code to}, or null when another delimiter comes first. */
  private static String userBeforeAt(Message m, byte[] b, int userStart, int to) {
    for (int i = userStart; i < to; i++) {
      byte c = b[i];
      if (c == '@') {
        return i > userStart ? m.text(userStart, i) : null;
      }
      if (c == '>' || c == ';' || c == ' ' || c == '\'') {
        return null;
      }
    }
    return null;
  }

  /** The text in {@code [from, to)} up to its last {@code @} (all of it without one), or null when empty. */
  static String userBeforeDomain(Message m, int from, int to) {
    int at = m.lastIndexOf((byte) '@', to);
    int userEnd = at >= from ? at : to;
    return userEnd > from ? m.text(from, userEnd) : null;
  }

  /** The text in {@code [from, to)}, or null when the range is empty. */
  static String textOrNull(Message m, int from, int to) {
    return to > from ? m.text(from, to) : null;
  }
}
