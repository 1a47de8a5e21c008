package org.abuseloop.logs.sip;

import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * res_pjsip's refused requests: {@code Request 'METHOD' from '<From>' failed for 'ADDR:PORT'
 * (callid: CALLID) - <reason>[ after N tries in T ms]} (older versions: {@code Request from '...'}).
 *
 * <p>The caller writes both the From header before the address and the Call-ID after it, so neither
 * end of the line leads safely to the address. PJSIP prints the From URI itself, though: a display
 * name in double quotes (skipped here, honouring backslash escapes), then a URI with no spaces; an
 * unquoted display name cannot hold a colon. The first {@code ' failed for 'ADDR:PORT' (callid: }
 * after the display name is therefore the one PJSIP wrote. Stateless and thread-safe.
 */
final class PjsipRequests {

  private static final Needle REQUEST_METHOD = Needle.of("Request '");
  private static final Needle REQUEST_FROM = Needle.of("Request from '");
  private static final Needle FROM = Needle.of("' from '");
  private static final Needle FAILED_FOR = Needle.of("' failed for '");
  private static final Needle CALL_ID = Needle.of("' (callid: ");
  private static final Needle REASON_DASH = Needle.of(") - ");
  private static final byte[] REASON_DASH_BYTES = LineBytes.ascii(") - ");
  private static final int MAX_CANDIDATES = 8;

  private static final ReasonTable REASONS = new ReasonTable()
      .add("No matching endpoint found", AsteriskFamilies.PJSIP_NO_ENDPOINT)
      .add("Failed to authenticate", AsteriskFamilies.PJSIP_AUTH_FAILED)
      .add("Error to authenticate", AsteriskFamilies.PJSIP_AUTH_ERROR)
      .add("Not match Endpoint ACL", AsteriskFamilies.PJSIP_ENDPOINT_ACL)
      .add("Not match Endpoint Contact ACL", AsteriskFamilies.PJSIP_CONTACT_ACL);

  private PjsipRequests() {}

  /** The event of a refused PJSIP request starting at {@code body}, or null. */
  static Event read(Message m, int body) {
    int from = fromStart(m, body);
    if (from < 0) {
      return null;
    }
    int end = SipText.trimmedEnd(m);
    int reason = REASONS.endingWith(m.bytes(), from, end, REASON_DASH_BYTES);
    if (reason >= 0) {
      return peer(m, from, end - REASONS.length(reason) - REASON_DASH.length(), REASONS.family(reason));
    }
    // The reason with PJSIP's count of tries after it, or no known reason.
    int dash = m.lastIndexOf(REASON_DASH, end);
    Family family = dash < from ? null : REASONS.exactOrCounted(m, dash + REASON_DASH.length(), end);
    return family == null ? null : peer(m, from, dash, family);
  }

  /** The event naming the address PJSIP wrote after the From header starting at {@code from}, or null. */
  private static Event peer(Message m, int from, int dash, Family family) {
    int afterDisplay = skipQuotedDisplayName(m, from);
    int failedFor = afterDisplay < 0 ? -1 : m.indexOf(FAILED_FOR, afterDisplay);
    for (int n = 0; n < MAX_CANDIDATES && failedFor >= 0 && failedFor < dash; n++) {
      int addressStart = failedFor + FAILED_FOR.length();
      int quote = m.indexOf((byte) '\'', addressStart);
      HostPort peer = quote < 0 || !m.matchesAt(quote, CALL_ID) ? null : HostPort.parse(m, addressStart, quote, true);
      if (peer != null) {
        return m.event(family)
            .source(peer.address())
            .sourcePort(peer.port())
            .user(SipText.uriUser(m, from, failedFor))
            .build();
      }
      failedFor = m.indexOf(FAILED_FOR, failedFor + 1);
    }
    return null;
  }

  /** Index where the printed From header starts, or -1 when the body is not a refused request. */
  private static int fromStart(Message m, int body) {
    if (m.matchesAt(body, REQUEST_FROM)) {
      return body + REQUEST_FROM.length();
    }
    if (!m.matchesAt(body, REQUEST_METHOD)) {
      return -1;
    }
    // The method is a SIP token: no spaces, so the first "' from '" closes it.
    int from = m.indexOf(FROM, body + REQUEST_METHOD.length());
    return from < 0 ? -1 : from + FROM.length();
  }

  /**
   * Index after a display name in double quotes at {@code i}, {@code i} when there is none, or -1 when
   * the quotes do not close (PJSIP cut a From header longer than its buffer: nothing after is sure).
   */
  private static int skipQuotedDisplayName(Message m, int i) {
    byte[] b = m.bytes();
    int end = m.end();
    if (i >= end || b[i] != '"') {
      return i;
    }
    for (int j = i + 1; j < end; j++) {
      byte c = b[j];
      if (c == '\\') {
        j++;
      } else if (c == '"') {
        return j + 1;
      }
    }
    return -1;
  }
}
