package org.abuseloop.logs.sip;

import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Protocol;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * The manager interface's (AMI, manager.c) refused logins, which start with the peer's address:
 * {@code ADDR failed to authenticate as 'USER'}, {@code ADDR tried to authenticate with nonexistent
 * user 'USER'} and {@code ADDR failed to pass IP ACL as 'USER'}. AMI runs over TCP. Stateless and
 * thread-safe.
 */
final class AmiMessages {

  private static final Needle FAILED_AUTH = Needle.of(" failed to authenticate as '");
  private static final Needle NONEXISTENT = Needle.of(" tried to authenticate with nonexistent user '");
  private static final Needle FAILED_ACL = Needle.of(" failed to pass IP ACL as '");

  private AmiMessages() {}

  /** The event of an AMI notice starting at {@code body}, whose first space is at {@code space} (or -1), or null. */
  static Event read(Message m, int body, int space) {
    // Each notice goes on with " failed" or " tried": other lines stop at one byte.
    if (space <= body || space + 1 >= m.end() || (m.byteAt(space + 1) != 'f' && m.byteAt(space + 1) != 't')) {
      return null;
    }
    Family family;
    int user;
    if (m.matchesAt(space, FAILED_AUTH)) {
      family = AsteriskFamilies.AMI_AUTH_FAILED;
      user = space + FAILED_AUTH.length();
    } else if (m.matchesAt(space, NONEXISTENT)) {
      family = AsteriskFamilies.AMI_UNKNOWN_USER;
      user = space + NONEXISTENT.length();
    } else if (m.matchesAt(space, FAILED_ACL)) {
      family = AsteriskFamilies.AMI_ACL;
      user = space + FAILED_ACL.length();
    } else {
      return null;
    }
    HostPort peer = HostPort.parse(m, body, space, false);
    if (peer == null) {
      return null;
    }
    int close = SipText.trimmedEnd(m) - 1;
    if (close < user || m.byteAt(close) != '\'') {
      return null;
    }
    return m.event(family)
        .source(peer.address())
        .sourcePort(peer.port())
        .protocol(Protocol.TCP)
        .user(SipText.textOrNull(m, user, close))
        .build();
  }
}
