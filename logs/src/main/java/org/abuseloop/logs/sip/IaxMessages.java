package org.abuseloop.logs.sip;

import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Protocol;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * chan_iax2's notices: {@code Host ADDR failed to authenticate as 'USER'}, {@code Host ADDR failed MD5
 * authentication for 'USER' (...)}, {@code No registration for peer 'PEER' (from ADDR)} and
 * {@code Rejected connect attempt from ADDR:PORT, who was trying to reach 'EXT@CONTEXT'} (or
 * {@code , request 'EXT@CONTEXT' does not exist}). IAX2 runs over UDP only. Stateless and thread-safe.
 */
final class IaxMessages {

  private static final Needle HOST = Needle.of("Host ");
  private static final Needle FAILED_AUTH = Needle.of(" failed to authenticate as '");
  private static final Needle FAILED_MD5 = Needle.of(" failed MD5 authentication for '");
  private static final Needle NO_REGISTRATION = Needle.of("No registration for peer '");
  private static final Needle FROM_PAREN = Needle.of("' (from ");
  private static final Needle REJECTED_CONNECT = Needle.of("Rejected connect attempt from ");
  private static final Needle TRYING_TO_REACH = Needle.of(", who was trying to reach '");
  private static final Needle REQUEST = Needle.of(", request '");
  private static final Needle QUOTE_PAREN = Needle.of("' (");

  private IaxMessages() {}

  /** The event of an IAX2 notice starting at {@code body}, or null. */
  static Event read(Message m, int body) {
    if (m.matchesAt(body, HOST)) {
      return hostFailed(m, body + HOST.length());
    }
    if (m.matchesAt(body, NO_REGISTRATION)) {
      return noRegistration(m, body + NO_REGISTRATION.length());
    }
    if (m.matchesAt(body, REJECTED_CONNECT)) {
      return rejectedConnect(m, body + REJECTED_CONNECT.length());
    }
    return null;
  }

  private static Event hostFailed(Message m, int address) {
    int space = m.indexOf((byte) ' ', address);
    HostPort peer = space < 0 ? null : HostPort.parse(m, address, space, false);
    if (peer == null) {
      return null;
    }
    Family family;
    int user;
    if (m.matchesAt(space, FAILED_AUTH)) {
      family = AsteriskFamilies.IAX_AUTH_FAILED;
      user = space + FAILED_AUTH.length();
    } else if (m.matchesAt(space, FAILED_MD5)) {
      family = AsteriskFamilies.IAX_MD5_FAILED;
      user = space + FAILED_MD5.length();
    } else {
      return null;
    }
    int close = closingQuote(m, user, family == AsteriskFamilies.IAX_MD5_FAILED);
    return close < 0 ? null : event(m, family, peer, SipText.textOrNull(m, user, close));
  }

  /** The peer name is the caller's text: the address is read from the fixed {@code (from ADDR)} at the end. */
  private static Event noRegistration(Message m, int peerName) {
    int end = SipText.trimmedEnd(m);
    int from = m.lastIndexOf(FROM_PAREN, end);
    if (from < peerName || m.byteAt(end - 1) != ')') {
      return null;
    }
    HostPort peer = HostPort.parse(m, from + FROM_PAREN.length(), end - 1, false);
    return peer == null ? null : event(m, AsteriskFamilies.IAX_NO_PEER, peer, SipText.textOrNull(m, peerName, from));
  }

  private static Event rejectedConnect(Message m, int address) {
    int comma = m.indexOf((byte) ',', address);
    HostPort peer = comma < 0 ? null : HostPort.parse(m, address, comma, false);
    int target;
    if (peer == null) {
      return null;
    } else if (m.matchesAt(comma, TRYING_TO_REACH)) {
      target = comma + TRYING_TO_REACH.length();
    } else if (m.matchesAt(comma, REQUEST)) {
      target = comma + REQUEST.length();
    } else {
      return null;
    }
    int close = m.lastIndexOf((byte) '\'', SipText.trimmedEnd(m));
    String extension = close > target ? SipText.userBeforeDomain(m, target, close) : null;
    return event(m, AsteriskFamilies.IAX_NO_EXTENSION, peer, extension);
  }

  /**
   * The quote that closes the user name starting at {@code from}: the last character of the line, or
   * (MD5) the one before the {@code (hash != hash)} that ends it; -1 when the line does not end so.
   */
  private static int closingQuote(Message m, int from, boolean beforeHashes) {
    int end = SipText.trimmedEnd(m);
    int close = beforeHashes ? m.lastIndexOf(QUOTE_PAREN, end) : end - 1;
    boolean closed = beforeHashes ? m.byteAt(end - 1) == ')' : m.byteAt(close) == '\'';
    return close >= from && closed ? close : -1;
  }

  private static Event event(Message m, Family family, HostPort peer, String user) {
    return m.event(family)
        .source(peer.address())
        .sourcePort(peer.port())
        .protocol(Protocol.UDP)
        .user(user)
        .build();
  }
}
