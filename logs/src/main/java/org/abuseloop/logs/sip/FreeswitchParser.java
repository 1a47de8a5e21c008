package org.abuseloop.logs.sip;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads FreeSWITCH's log ({@code freeswitch.log}, or syslog): mod_sofia's refused registrations and
 * calls ({@code SIP auth failure}, {@code SIP auth challenge}, {@code Can't find user}) and ACL
 * rejections. The {@code [USER@DOMAIN]} part is the caller's text; the address is the one after the
 * fixed {@code from ip } (or {@code ] from }) that ends the line, or the one right after {@code IP } at
 * the start. Stateless and thread-safe.
 *
 * <p>Byte scans rather than regular expressions, by the project's rule for the hot path.
 */
public final class FreeswitchParser implements ServiceParser {

  private static final Needle AUTH_FAILURE = Needle.of("SIP auth failure (");
  private static final Needle AUTH_CHALLENGE = Needle.of("SIP auth challenge (");
  private static final Needle PROFILE_FOR = Needle.of("' for [");
  private static final Needle FROM_IP = Needle.of("] from ip ");
  private static final Needle CANT_FIND_USER = Needle.of("Can't find user [");
  private static final Needle FROM = Needle.of("] from ");
  private static final Needle IP = Needle.of("IP ");
  private static final Needle REJECTED_BY_ACL = Needle.of(" Rejected by acl");
  private static final Needle REJECTED_BY_REGISTER_ACL = Needle.of(" Rejected by register acl");
  private static final Needle FALLING_BACK = Needle.of("Falling back to Digest auth.");

  @Override
  public Service service() {
    return Service.FREESWITCH;
  }

  @Override
  public List<Family> families() {
    return FreeswitchFamilies.ALL;
  }

  @Override
  public Event parse(Message m) {
    int body = FreeswitchPrefix.bodyStart(m);
    if (body < 0) {
      return null;
    }
    if (m.matchesAt(body, AUTH_FAILURE)) {
      return authentication(m, body + AUTH_FAILURE.length(), FreeswitchFamilies.SIP_AUTH_FAILURE);
    }
    if (m.matchesAt(body, AUTH_CHALLENGE)) {
      return authentication(m, body + AUTH_CHALLENGE.length(), FreeswitchFamilies.SIP_AUTH_CHALLENGE);
    }
    if (m.matchesAt(body, CANT_FIND_USER)) {
      return userLine(m, body + CANT_FIND_USER.length(), FROM, FreeswitchFamilies.SIP_UNKNOWN_USER);
    }
    if (m.matchesAt(body, IP)) {
      return aclRejection(m, body + IP.length());
    }
    return null;
  }

  /** {@code METHOD) on sofia profile 'PROFILE' for [USER@DOMAIN] from ip ADDR}; the profile is configuration. */
  private static Event authentication(Message m, int method, Family family) {
    int user = m.indexOf(PROFILE_FOR, method);
    return user < 0 ? null : userLine(m, user + PROFILE_FOR.length(), FROM_IP, family);
  }

  /** {@code USER@DOMAIN<anchor>ADDR} at the end of the line, the anchor being the last one. */
  private static Event userLine(Message m, int user, Needle anchor, Family family) {
    int end = SipText.trimmedEnd(m);
    int at = m.lastIndexOf(anchor, end);
    if (at < user) {
      return null;
    }
    HostPort peer = HostPort.parse(m, at + anchor.length(), end, false);
    if (peer == null) {
      return null;
    }
    return m.event(family)
        .source(peer.address())
        .sourcePort(peer.port())
        .user(SipText.userBeforeDomain(m, user, at))
        .build();
  }

  /** {@code ADDR Rejected by [register ]acl ["NAME"]}, except the DEBUG line that falls back to digest auth. */
  private static Event aclRejection(Message m, int address) {
    int space = m.indexOf((byte) ' ', address);
    HostPort peer = space < 0 ? null : HostPort.parse(m, address, space, false);
    if (peer == null || m.endsWithTrimmed(FALLING_BACK)) {
      return null;
    }
    int end = SipText.trimmedEnd(m);
    Family family;
    if (m.matchesAt(space, REJECTED_BY_REGISTER_ACL) && aclName(m, space + REJECTED_BY_REGISTER_ACL.length(), end, true)) {
      family = FreeswitchFamilies.REGISTER_ACL_REJECTED;
    } else if (m.matchesAt(space, REJECTED_BY_ACL) && aclName(m, space + REJECTED_BY_ACL.length(), end, false)) {
      family = FreeswitchFamilies.ACL_REJECTED;
    } else {
      return null;
    }
    return m.event(family).source(peer.address()).sourcePort(peer.port()).build();
  }

  /** The rest of the line is {@code  "NAME"} (or, for the register ACL, may be empty). */
  private static boolean aclName(Message m, int from, int end, boolean mayBeEmpty) {
    if (from == end) {
      return mayBeEmpty;
    }
    return end - from >= 3 && m.byteAt(from) == ' ' && m.byteAt(from + 1) == '"' && m.byteAt(end - 1) == '"';
  }
}
