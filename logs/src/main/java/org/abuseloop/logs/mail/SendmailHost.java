package org.abuseloop.logs.mail;

import org.abuseloop.logs.Message;

/**
 * Reads the client as sendmail writes it, {@code [name ][ADDR][ (may be forged)]}, with
 * {@code [IPv6:ADDR]} for IPv6. The name is the reverse name, host-name characters only. Stateless
 * and thread-safe.
 */
final class SendmailHost {

  private static final int LONGEST_NAME = 255;
  private static final String FORGED = " (may be forged)";

  private SendmailHost() {}

  /** The client at {@code at}; the peer's end is after the optional forged note. Null when it is not one. */
  static Peer read(Message m, int at) {
    int i = at;
    if (i < m.end() && m.byteAt(i) != '[') {
      int limit = Math.min(m.end(), at + LONGEST_NAME);
      while (i < limit && isNameByte(m.byteAt(i))) {
        i++;
      }
      if (i == at || i >= m.end() || m.byteAt(i) != ' ') {
        return null;
      }
      i++;
    }
    Peer peer = BracketedAddress.read(m, i);
    if (peer == null || peer.port() != 0) {
      return null;
    }
    return forgedAt(m, peer.end()) ? new Peer(peer.address(), 0, peer.end() + FORGED.length()) : peer;
  }

  private static boolean forgedAt(Message m, int at) {
    if (at + FORGED.length() > m.end()) {
      return false;
    }
    for (int k = 0; k < FORGED.length(); k++) {
      if (m.byteAt(at + k) != FORGED.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameByte(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  }
}
