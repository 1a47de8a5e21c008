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
    int e = m.end();
    while (e > m.start() && isBlank(m.byteAt(e - 1))) {
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

  /** The user part of the first {@code sip:} or {@code sips:} URI in {@code [from, to)}, or null. */
  static String uriUser(Message m, int from, int to) {
    int sip = m.indexOf(SIP, from);
    int sips = m.indexOf(SIPS, from);
    int at;
    int userStart;
    if (sips >= 0 && (sip < 0 || sips < sip)) {
      at = sips;
      userStart = sips + SIPS.length();
    } else {
      at = sip;
      userStart = sip + SIP.length();
    }
    if (at < 0 || userStart >= to) {
      return null;
    }
    for (int i = userStart; i < to; i++) {
      byte c = m.byteAt(i);
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
