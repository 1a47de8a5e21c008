package org.abuseloop.logs.sip;

import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Protocol;
import org.abuseloop.logs.EventDraft;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Calls to extensions the dial plan does not have, in the three forms Asterisk writes:
 * chan_sip's {@code Call from 'PEER' (ADDR:PORT) to extension 'EXT' rejected because extension not
 * found in context 'CTX'.}, res_pjsip_session's {@code Call from 'ENDPOINT' (TRANSPORT:ADDR:PORT) to
 * extension ...} and its newer {@code ENDPOINT: Call (TRANSPORT:ADDR:PORT) to extension ...}. The peer
 * or endpoint name is configuration, the extension is the caller's: the address is the first one
 * after the name. Stateless and thread-safe.
 */
final class RejectedCalls {

  private static final Needle CALL_FROM = Needle.of("Call from '");
  private static final Needle QUOTE_PAREN = Needle.of("' (");
  private static final Needle ENDPOINT_CALL = Needle.of(": Call (");
  private static final Needle TO_EXTENSION = Needle.of(") to extension '");
  private static final Needle NOT_FOUND = Needle.of("' rejected because extension not found in context '");

  private RejectedCalls() {}

  /** The event of a rejected call starting at {@code body}, whose first space is at {@code space} (or -1), or null. */
  static Event read(Message m, int body, int space) {
    int open;
    if (m.matchesAt(body, CALL_FROM)) {
      int quote = m.indexOf(QUOTE_PAREN, body + CALL_FROM.length() - 1);
      open = quote < 0 ? -1 : quote + QUOTE_PAREN.length();
    } else {
      // "ENDPOINT: Call (": the endpoint name is one word, so the anchor follows the first space.
      int call = space - 1;
      open = call > body && m.matchesAt(call, ENDPOINT_CALL) ? call + ENDPOINT_CALL.length() : -1;
    }
    int close = open < 0 ? -1 : m.indexOf(TO_EXTENSION, open);
    int suffix = close < 0 ? -1 : m.lastIndexOf(NOT_FOUND);
    if (suffix < close + TO_EXTENSION.length() || !endsWithContext(m, suffix)) {
      return null;
    }
    return peer(m, open, close, suffix);
  }

  /** Reads {@code ADDR:PORT} (chan_sip) or {@code TRANSPORT:ADDR:PORT} (PJSIP) in {@code [open, close)}. */
  private static Event peer(Message m, int open, int close, int suffix) {
    int colon = m.indexOf((byte) ':', open);
    Protocol transport = colon > open && colon < close ? Protocol.parse(m.bytes(), open, colon) : Protocol.UNKNOWN;
    boolean pjsip = transport != Protocol.UNKNOWN;
    HostPort peer = HostPort.parse(m, pjsip ? colon + 1 : open, close, pjsip);
    if (peer == null) {
      return null;
    }
    Family family = pjsip ? AsteriskFamilies.PJSIP_NO_EXTENSION : AsteriskFamilies.SIP_NO_EXTENSION;
    EventDraft draft = m.event(family)
        .source(peer.address())
        .sourcePort(peer.port())
        .protocol(transport)
        .user(SipText.textOrNull(m, close + TO_EXTENSION.length(), suffix));
    return draft.build();
  }

  /** The context name after the suffix is configuration: it runs to the final {@code '.}. */
  private static boolean endsWithContext(Message m, int suffix) {
    int end = SipText.trimmedEnd(m);
    return end - 2 >= suffix + NOT_FOUND.length() && m.byteAt(end - 1) == '.' && m.byteAt(end - 2) == '\'';
  }
}
