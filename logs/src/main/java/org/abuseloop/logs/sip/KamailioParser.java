package org.abuseloop.logs.sip;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.EventDraft;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads Kamailio's logs: the lines abuseloop's routing snippet writes for each refused request
 * ({@code examples/kamailio/abuseloop-logging.cfg}), and the stock module lines that name the
 * source: pike's block, the core's parse failure and the tls module's protocol error. Stateless and
 * thread-safe.
 *
 * <p>Kamailio's failures depend on the routing script, so the snippet states them in one fixed
 * form, {@code abuseloop: outcome=O src=A sport=N proto=P dst=A dport=N method=M user=U ua=UA},
 * whose first six fields Kamailio fills in itself and whose last three come from the request. The
 * parser reads the fields from the start in that order and stops before {@code method=}; it takes
 * nothing but the user from the rest, so no user name or user agent can move the source. Every
 * anchor is matched only where the message body begins (see {@link KamailioPrefix}).
 */
public final class KamailioParser implements ServiceParser {

  public static final Family AUTH_FAILED = script("auth-failed", EventKind.AUTH_FAILURE);
  public static final Family UNKNOWN_USER = script("unknown-user", EventKind.UNKNOWN_USER);
  public static final Family UNKNOWN_EXTENSION = script("unknown-extension", EventKind.UNKNOWN_EXTENSION);
  public static final Family SCANNER = script("scanner", EventKind.SCANNER);
  public static final Family ACL = script("acl", EventKind.ACL_REJECT);
  public static final Family RATE_LIMITED = script("rate-limited", EventKind.RATE_LIMITED);
  public static final Family MALFORMED = script("malformed", EventKind.PROTOCOL_ABUSE);
  /** pike's {@code PIKE - BLOCKing ip ADDR, node=...}: the source passed the request density. */
  public static final Family PIKE_BLOCKED = new Family("kamailio.pike.blocked", Service.KAMAILIO, EventKind.RATE_LIMITED);
  /** The core's {@code core parsing of SIP message failed (ADDR:PORT/PROTO)}. */
  public static final Family PARSE_FAILED = new Family("kamailio.core.parse-failed", Service.KAMAILIO, EventKind.PROTOCOL_ABUSE);
  /** The tls module's {@code src addr: ADDR:PORT} after a TLS protocol error (a handshake gone wrong). */
  public static final Family TLS_ERROR = new Family("kamailio.tls.protocol-error", Service.KAMAILIO, EventKind.PROTOCOL_ABUSE);

  /** The script outcomes, in the order of {@link #OUTCOME_FAMILIES}. */
  private static final String[] OUTCOMES = {
    "auth-failed", "unknown-user", "unknown-extension", "scanner", "acl", "rate-limited", "malformed"
  };
  private static final Family[] OUTCOME_FAMILIES = {
    AUTH_FAILED, UNKNOWN_USER, UNKNOWN_EXTENSION, SCANNER, ACL, RATE_LIMITED, MALFORMED
  };
  private static final List<Family> FAMILIES = List.of(AUTH_FAILED, UNKNOWN_USER, UNKNOWN_EXTENSION, SCANNER, ACL,
      RATE_LIMITED, MALFORMED, PIKE_BLOCKED, PARSE_FAILED, TLS_ERROR);

  private static final Needle ABUSELOOP = Needle.of("abuseloop: outcome=");
  private static final Needle SRC = Needle.of(" src=");
  private static final Needle SPORT = Needle.of(" sport=");
  private static final Needle PROTO = Needle.of(" proto=");
  private static final Needle DST = Needle.of(" dst=");
  private static final Needle DPORT = Needle.of(" dport=");
  private static final Needle METHOD = Needle.of(" method=");
  private static final Needle USER = Needle.of(" user=");
  private static final Needle UA = Needle.of(" ua=");
  private static final Needle PIKE = Needle.of("PIKE - BLOCKing ip ");
  private static final Needle CORE_PARSE = Needle.of("core parsing of SIP message failed (");
  private static final Needle TLS_SRC = Needle.of("src addr: ");
  /** Kamailio's transport numbers ({@code PROTO_UDP} = 1 ... {@code PROTO_WSS} = 6). */
  private static final Protocol[] PROTO_NUMBERS = {
    Protocol.UNKNOWN, Protocol.UDP, Protocol.TCP, Protocol.TLS, Protocol.SCTP, Protocol.WS, Protocol.WSS
  };

  private static Family script(String outcome, EventKind kind) {
    return new Family("kamailio.script." + outcome, Service.KAMAILIO, kind);
  }

  @Override
  public Service service() {
    return Service.KAMAILIO;
  }

  @Override
  public List<Family> families() {
    return FAMILIES;
  }

  @Override
  public Event parse(Message m) {
    KamailioPrefix prefix = KamailioPrefix.read(m);
    int body = prefix.body();
    if (m.matchesAt(body, ABUSELOOP)) {
      return prefix.moduleStart() == prefix.moduleEnd() || prefix.moduleIs(m, "<script>")
          ? scriptLine(m, body + ABUSELOOP.length()) : null;
    }
    if (m.matchesAt(body, PIKE) && prefix.moduleIs(m, "pike")) {
      return pike(m, body + PIKE.length());
    }
    if (m.matchesAt(body, CORE_PARSE) && prefix.moduleIs(m, "<core>")) {
      return coreParse(m, body + CORE_PARSE.length());
    }
    if (m.matchesAt(body, TLS_SRC) && prefix.moduleIs(m, "tls")) {
      return tlsError(m, body + TLS_SRC.length());
    }
    return null;
  }

  /** {@code outcome=O src=A sport=N proto=P dst=A dport=N method=M user=U ua=UA}, from after "outcome=". */
  private static Event scriptLine(Message m, int at) {
    int outcomeEnd = valueEnd(m, at);
    Family family = outcome(m, at, outcomeEnd);
    if (family == null || !m.matchesAt(outcomeEnd, SRC)) {
      return null;
    }
    int srcFrom = outcomeEnd + SRC.length();
    int srcTo = valueEnd(m, srcFrom);
    IpAddress source = address(m, srcFrom, srcTo);
    if (source == null || !m.matchesAt(srcTo, SPORT)) {
      return null;
    }
    int sportFrom = srcTo + SPORT.length();
    int sportTo = valueEnd(m, sportFrom);
    if (!m.matchesAt(sportTo, PROTO)) {
      return null;
    }
    int protoFrom = sportTo + PROTO.length();
    int protoTo = valueEnd(m, protoFrom);
    if (!m.matchesAt(protoTo, DST)) {
      return null;
    }
    int dstFrom = protoTo + DST.length();
    int dstTo = valueEnd(m, dstFrom);
    if (!m.matchesAt(dstTo, DPORT)) {
      return null;
    }
    int dportFrom = dstTo + DPORT.length();
    int dportTo = valueEnd(m, dportFrom);
    if (!m.matchesAt(dportTo, METHOD)) {
      return null;
    }
    EventDraft draft = m.event(family).source(source).sourcePort(m.port(sportFrom, sportTo))
        .protocol(Protocol.parse(m.bytes(), protoFrom, protoTo))
        .target(address(m, dstFrom, dstTo)).targetPort(m.port(dportFrom, dportTo));
    return draft.user(user(m, valueEnd(m, dportTo + METHOD.length()))).build();
  }

  private static Family outcome(Message m, int from, int to) {
    for (int k = 0; k < OUTCOMES.length; k++) {
      String name = OUTCOMES[k];
      if (to - from == name.length() && sameText(m, from, name)) {
        return OUTCOME_FAMILIES[k];
      }
    }
    return null;
  }

  /**
   * The user after {@code " user="} at {@code at}, up to the first {@code " ua="}: null when absent
   * or {@code <null>} (xlog's word for an unset variable), else unescaped ({@link KamailioEscapes}).
   */
  private static String user(Message m, int at) {
    if (!m.matchesAt(at, USER)) {
      return null;
    }
    int from = at + USER.length();
    int ua = m.indexOf(UA, from);
    int to = ua < 0 ? m.end() : ua;
    if (to == from || (to - from == 6 && sameText(m, from, "<null>"))) {
      return null;
    }
    return KamailioEscapes.decode(m, from, to);
  }

  /** {@code PIKE - BLOCKing ip ADDR, node=0x...}. */
  private static Event pike(Message m, int from) {
    int to = m.addressEnd(from);
    if (to >= m.end() || m.byteAt(to) != ',') {
      return null;
    }
    IpAddress source = m.address(from, to);
    return source == null ? null : m.event(PIKE_BLOCKED).source(source).build();
  }

  /** {@code core parsing of SIP message failed (ADDR:PORT/PROTO)}. */
  private static Event coreParse(Message m, int from) {
    int close = m.indexOf((byte) ')', from);
    int slash = close < 0 ? -1 : m.lastIndexOf((byte) '/', close);
    int colon = slash < from ? -1 : m.lastIndexOf((byte) ':', slash);
    if (colon < from) {
      return null;
    }
    IpAddress source = address(m, from, colon);
    if (source == null) {
      return null;
    }
    int proto = m.number(slash + 1, close);
    return m.event(PARSE_FAILED).source(source).sourcePort(m.port(colon + 1, slash))
        .protocol(proto > 0 && proto < PROTO_NUMBERS.length ? PROTO_NUMBERS[proto] : Protocol.UNKNOWN).build();
  }

  /** {@code src addr: ADDR:PORT} (the address unbracketed, IPv6 too: the last colon starts the port). */
  private static Event tlsError(Message m, int from) {
    int end = m.end();
    while (end > from && (m.byteAt(end - 1) == ' ' || m.byteAt(end - 1) == '\t')) {
      end--;
    }
    int colon = m.lastIndexOf((byte) ':', end);
    if (colon < from) {
      return null;
    }
    IpAddress source = address(m, from, colon);
    int port = m.port(colon + 1, end);
    return source == null || port == 0 ? null : m.event(TLS_ERROR).source(source).sourcePort(port).protocol(Protocol.TLS).build();
  }

  /** The address in {@code [from, to)}, brackets around an IPv6 address allowed; null if none. */
  private static IpAddress address(Message m, int from, int to) {
    if (to - from > 2 && m.byteAt(from) == '[' && m.byteAt(to - 1) == ']') {
      return m.address(from + 1, to - 1);
    }
    return m.address(from, to);
  }

  /** Index of the space that ends the value at {@code from}, or the message end. */
  private static int valueEnd(Message m, int from) {
    int space = m.indexOf((byte) ' ', from);
    return space < 0 ? m.end() : space;
  }

  private static boolean sameText(Message m, int from, String text) {
    for (int k = 0; k < text.length(); k++) {
      if (m.byteAt(from + k) != text.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
