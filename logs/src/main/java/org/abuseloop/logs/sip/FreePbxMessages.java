package org.abuseloop.logs.sip;

import org.abuseloop.core.Event;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * What FreePBX's dial plan logs about anonymous SIP calls it refuses, from extension {@code s} of
 * {@code from-sip-external}: {@code Ext. s: "Rejecting unknown SIP connection from ADDR[:PORT]"}, the
 * address being the channel's received address. FreePBX's {@code Friendly Scanner from ...} line is
 * not read: its address is cut from the caller's Via header. Stateless and thread-safe.
 */
final class FreePbxMessages {

  private static final Needle REJECTING = Needle.of("Rejecting unknown SIP connection from ");

  private FreePbxMessages() {}

  /** The event of a dial plan line whose origin starts at {@code origin}, or null. */
  static Event read(Message m, int origin) {
    int body = AsteriskPrefix.bodyAfterExtensionS(m, origin);
    if (body < 0) {
      return null;
    }
    int end = SipText.trimmedEnd(m);
    boolean quoted = body < end && m.byteAt(body) == '"';
    int text = quoted ? body + 1 : body;
    if (!m.matchesAt(text, REJECTING)) {
      return null;
    }
    if (quoted && m.byteAt(end - 1) != '"') {
      return null;
    }
    HostPort peer = HostPort.parse(m, text + REJECTING.length(), quoted ? end - 1 : end, false);
    if (peer == null) {
      return null;
    }
    return m.event(AsteriskFamilies.FREEPBX_UNKNOWN_CONNECTION).source(peer.address()).sourcePort(peer.port()).build();
  }
}
