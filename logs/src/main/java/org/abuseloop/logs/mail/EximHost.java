package org.abuseloop.logs.mail;

import org.abuseloop.logs.Message;

/**
 * Reads the host Exim writes for a connection, {@code [name ][(helo) ][ADDR][:PORT]}, as after
 * {@code H=} or {@code authenticator failed for}. The name is the verified reverse name (host-name
 * characters only); the HELO in parentheses is the client's, and Exim refuses a HELO holding a space
 * or a parenthesis unless {@code helo_accept_junk_hosts} says otherwise, so the first {@code ") "}
 * ends it and the {@code [ADDR]} after it is Exim's own. Stateless and thread-safe.
 */
final class EximHost {

  private static final int LONGEST = 255;

  private EximHost() {}

  /** The address of the host description starting at {@code at}, or null when it is not one. */
  static Peer read(Message m, int at) {
    int i = at;
    if (i >= m.end()) {
      return null;
    }
    if (m.byteAt(i) != '(' && m.byteAt(i) != '[') {
      i = nameEnd(m, i);
      if (i < 0) {
        return null;
      }
    }
    if (i < m.end() && m.byteAt(i) == '(') {
      i = heloEnd(m, i);
      if (i < 0) {
        return null;
      }
    }
    return BracketedAddress.read(m, i);
  }

  /** Index after {@code "name "}, or -1 when the name holds anything but host-name characters. */
  private static int nameEnd(Message m, int at) {
    int limit = Math.min(m.end(), at + LONGEST);
    for (int i = at; i < limit; i++) {
      byte c = m.byteAt(i);
      if (c == ' ') {
        return i > at ? i + 1 : -1;
      }
      if (!isNameByte(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** Index after {@code "(helo) "} at {@code open}, or -1. */
  private static int heloEnd(Message m, int open) {
    int limit = Math.min(m.end() - 1, open + LONGEST);
    for (int i = open + 1; i < limit; i++) {
      if (m.byteAt(i) == ')') {
        return m.byteAt(i + 1) == ' ' ? i + 2 : -1;
      }
    }
    return -1;
  }

  private static boolean isNameByte(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  }
}
