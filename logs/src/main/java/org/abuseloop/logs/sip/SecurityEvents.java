package org.abuseloop.logs.sip;

import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.Bytes;
import org.abuseloop.logs.EventDraft;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * The security event log (res_security_log): {@code SecurityEvent="NAME",EventTV="...",Severity="...",
 * Service="SIP",EventVersion="1",AccountID="...",SessionID="...",LocalAddress="IPV4/UDP/ADDR/PORT",
 * RemoteAddress="IPV4/UDP/ADDR/PORT"[,...]}. Values are written without escaping, and AccountID and
 * SessionID (a SIP Call-ID for PJSIP) are the caller's text; the real RemoteAddress key is the last one,
 * since the keys after it hold digest values that cannot contain {@code ",}. AMI's challenge response
 * is the exception (the client's Key header comes after): for it the line must hold one RemoteAddress.
 * Stateless and thread-safe.
 */
final class SecurityEvents {

  private static final Needle SECURITY_EVENT = Needle.of("SecurityEvent=\"");
  private static final Needle SERVICE = Needle.of(",Service=\"");
  private static final byte[] SERVICE_BYTES = LineBytes.ascii(",Service=\"");
  private static final Needle ACCOUNT = Needle.of(",AccountID=\"");
  private static final byte[] ACCOUNT_BYTES = LineBytes.ascii(",AccountID=\"");
  private static final Needle SESSION = Needle.of("\",SessionID=\"");
  private static final byte[] LOCAL_BYTES = LineBytes.ascii(",LocalAddress=\"");
  private static final Needle REMOTE = Needle.of(",RemoteAddress=\"");
  private static final byte[] REMOTE_BYTES = LineBytes.ascii(",RemoteAddress=\"");
  private static final Needle AMI = Needle.of("AMI\"");

  private static final ReasonTable EVENTS = new ReasonTable()
      .add("InvalidAccountID", AsteriskFamilies.SECURITY_INVALID_ACCOUNT)
      .add("ChallengeResponseFailed", AsteriskFamilies.SECURITY_CHALLENGE_FAILED)
      .add("InvalidPassword", AsteriskFamilies.SECURITY_INVALID_PASSWORD)
      .add("FailedACL", AsteriskFamilies.SECURITY_FAILED_ACL)
      .add("UnexpectedAddress", AsteriskFamilies.SECURITY_UNEXPECTED_ADDRESS)
      .add("InvalidTransport", AsteriskFamilies.SECURITY_INVALID_TRANSPORT)
      .add("AuthMethodNotAllowed", AsteriskFamilies.SECURITY_AUTH_METHOD);

  private SecurityEvents() {}

  /** The event of a security log line whose body starts at {@code body}, or null. */
  static Event read(Message m, int body) {
    if (!m.matchesAt(body, SECURITY_EVENT)) {
      return null;
    }
    byte[] b = m.bytes();
    int nameStart = body + SECURITY_EVENT.length();
    int nameEnd = m.indexOf((byte) '"', nameStart);
    Family family = nameEnd < 0 ? null : EVENTS.exact(m, nameStart, nameEnd);
    // Every value is quoted: a line that does not end with a quote was cut.
    if (family == null || b[SipText.trimmedEnd(m) - 1] != '"') {
      return null;
    }
    int remote = LineBytes.lastIndexOf(b, nameEnd, m.end(), REMOTE_BYTES);
    if (remote < 0) {
      return null;
    }
    int account = firstKey(b, nameEnd, m.end(), m.end(), ACCOUNT_BYTES);
    if (clientWritesAfterRemote(m, nameEnd, account, family) && m.lastIndexOf(REMOTE, remote) >= 0) {
      return null;
    }
    int valueStart = remote + REMOTE_BYTES.length;
    int valueEnd = m.indexOf((byte) '"', valueStart);
    SecurityAddress peer = valueEnd < 0 ? null : SecurityAddress.parse(m, valueStart, valueEnd);
    if (peer == null) {
      return null;
    }
    EventDraft draft = m.event(family)
        .source(peer.address())
        .sourcePort(peer.port())
        .protocol(peer.protocol())
        .user(account(m, account, remote));
    SecurityAddress local = local(m, b, remote);
    if (local != null) {
      draft.target(specified(local.address())).targetPort(local.port());
    }
    return draft.build();
  }

  /** True for AMI's challenge response and password events, where the client's key follows RemoteAddress. */
  private static boolean clientWritesAfterRemote(Message m, int nameEnd, int account, Family family) {
    if (family != AsteriskFamilies.SECURITY_CHALLENGE_FAILED && family != AsteriskFamilies.SECURITY_INVALID_PASSWORD) {
      return false;
    }
    // Service comes before AccountID, where nothing of the client's has been written yet.
    int service = firstKey(m.bytes(), nameEnd, account < 0 ? m.end() : account, m.end(), SERVICE_BYTES);
    return service >= 0 && m.matchesAt(service + SERVICE.length(), AMI);
  }

  /**
   * First index in {@code [from, before)} where {@code key}, which starts with a comma, stands (inside
   * the message, which ends at {@code end}), or -1: the keys are found by walking the commas (a few per
   * line) rather than by a search through every byte for each key.
   */
  private static int firstKey(byte[] b, int from, int before, int end, byte[] key) {
    for (int c = Bytes.indexOf(b, from, before, (byte) ','); c >= 0; c = Bytes.indexOf(b, c + 1, before, (byte) ',')) {
      if (LineBytes.matchesAt(b, c, from, end, key)) {
        return c;
      }
    }
    return -1;
  }

  /** The LocalAddress value written right before RemoteAddress, or null. */
  private static SecurityAddress local(Message m, byte[] b, int remote) {
    if (b[remote - 1] != '"') {
      return null;
    }
    int local = LineBytes.lastIndexOf(b, m.start(), remote, LOCAL_BYTES);
    return local < 0 ? null : SecurityAddress.parse(m, local + LOCAL_BYTES.length, remote - 1);
  }

  /**
   * AccountID, whose key is at {@code key}: the text to the SessionID key after it (which must come
   * before RemoteAddress); null when empty, unknown or absent.
   */
  private static String account(Message m, int key, int remote) {
    if (key < 0 || key > remote) {
      return null;
    }
    int start = key + ACCOUNT.length();
    int session = m.indexOf(SESSION, start);
    int end = session >= 0 && session < remote ? session : -1;
    if (end <= start) {
      return null;
    }
    String user = m.text(start, end);
    return user.equals("<unknown>") ? null : user;
  }

  private static IpAddress specified(IpAddress a) {
    return a.high() == 0 && a.low() == 0 ? null : a;
  }
}
