package org.abuseloop.logs.sip;

import org.abuseloop.core.Event;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * chan_sip's notices about refused registrations ({@code Registration from '<To>' failed for
 * 'ADDR[:PORT]' - <reason>}) and hacking attempts ({@code hacking attempt detected 'ADDR'}). The To
 * header before the address is the caller's text, so the address is read backwards from the fixed
 * reason at the end of the line. Stateless and thread-safe.
 */
final class ChanSipMessages {

  private static final Needle REGISTRATION = Needle.of("Registration from '");
  private static final byte[] FAILED_FOR_BYTES = LineBytes.ascii("' failed for '");
  private static final byte[] REASON_DASH_BYTES = LineBytes.ascii("' - ");
  private static final Needle HACKING = Needle.of("hacking attempt detected '");

  private static final ReasonTable REASONS = new ReasonTable()
      .add("Wrong password", AsteriskFamilies.SIP_WRONG_PASSWORD)
      .add("Username/auth name mismatch", AsteriskFamilies.SIP_AUTH_NAME_MISMATCH)
      .add("No matching peer found", AsteriskFamilies.SIP_NO_PEER)
      .add("Device does not match ACL", AsteriskFamilies.SIP_DEVICE_ACL)
      .add("ACL error (permit/deny)", AsteriskFamilies.SIP_ACL_ERROR)
      .add("Peer is not supposed to register", AsteriskFamilies.SIP_NOT_DYNAMIC)
      .add("Not a local domain", AsteriskFamilies.SIP_NOT_LOCAL_DOMAIN)
      .add("Device not configured to use this transport type", AsteriskFamilies.SIP_WRONG_TRANSPORT);

  private ChanSipMessages() {}

  /** The event of a chan_sip notice starting at {@code body}, or null. */
  static Event read(Message m, int body) {
    if (m.matchesAt(body, REGISTRATION)) {
      return registration(m, body + REGISTRATION.length());
    }
    if (m.matchesAt(body, HACKING)) {
      return hackingAttempt(m, body + HACKING.length());
    }
    return null;
  }

  /**
   * The reason ends the line, after the last {@code "' - "} (no reason holds a quote), and the address
   * is between that and the last {@code "' failed for '"} before it.
   */
  private static Event registration(Message m, int toHeader) {
    byte[] b = m.bytes();
    int end = SipText.trimmedEnd(m);
    int reason = REASONS.endingWith(b, toHeader, end, REASON_DASH_BYTES);
    if (reason < 0) {
      return null;
    }
    int dash = end - REASONS.length(reason) - REASON_DASH_BYTES.length;
    int failedFor = LineBytes.lastIndexOf(b, toHeader, dash, FAILED_FOR_BYTES);
    if (failedFor < 0) {
      return null;
    }
    HostPort peer = HostPort.parse(m, failedFor + FAILED_FOR_BYTES.length, dash, false);
    if (peer == null) {
      return null;
    }
    return m.event(REASONS.family(reason))
        .source(peer.address())
        .sourcePort(peer.port())
        .user(SipText.uriUser(m, toHeader, failedFor))
        .build();
  }

  private static Event hackingAttempt(Message m, int from) {
    int end = SipText.trimmedEnd(m);
    if (end - 1 <= from || m.byteAt(end - 1) != '\'') {
      return null;
    }
    HostPort peer = HostPort.parse(m, from, end - 1, false);
    if (peer == null) {
      return null;
    }
    return m.event(AsteriskFamilies.SIP_HACKING_ATTEMPT).source(peer.address()).sourcePort(peer.port()).build();
  }
}
