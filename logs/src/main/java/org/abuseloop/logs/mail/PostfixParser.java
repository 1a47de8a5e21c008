package org.abuseloop.logs.mail;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads Postfix's smtpd, postscreen and postgrey messages: SASL failures, rejected commands,
 * pipelining and error limits, dropped connections, rate limits. The client is always taken from the
 * {@code host[ADDR]} postfix writes right after a fixed prefix, never from the sender, recipient, HELO
 * name or SASL user that follow; stateless and thread-safe.
 */
public final class PostfixParser implements ServiceParser {

  public static final Family SASL_FAILED = family("postfix.sasl.auth-failed", EventKind.AUTH_FAILURE);
  public static final Family RELAY_DENIED = family("postfix.smtpd.relay-denied", EventKind.ACL_REJECT);
  public static final Family UNKNOWN_RECIPIENT = family("postfix.smtpd.unknown-recipient", EventKind.UNKNOWN_USER);
  public static final Family RBL = family("postfix.smtpd.rbl", EventKind.SPAM_REJECT);
  public static final Family HELO_REJECTED = family("postfix.smtpd.helo-rejected", EventKind.PROTOCOL_ABUSE);
  public static final Family REJECTED = family("postfix.smtpd.reject", EventKind.SPAM_REJECT);
  public static final Family PIPELINING = family("postfix.smtpd.pipelining", EventKind.PROTOCOL_ABUSE);
  public static final Family TOO_MANY_ERRORS = family("postfix.smtpd.too-many-errors", EventKind.PROTOCOL_ABUSE);
  public static final Family LOST_CONNECTION = family("postfix.smtpd.lost-connection", EventKind.SCANNER);
  public static final Family AUTH_DISCONNECT = family("postfix.smtpd.auth-disconnect", EventKind.SCANNER);
  public static final Family NON_SMTP = family("postfix.smtpd.non-smtp-command", EventKind.PROTOCOL_ABUSE);
  public static final Family RATE_LIMIT = family("postfix.smtpd.rate-limit", EventKind.RATE_LIMITED);
  public static final Family HOSTNAME_MISMATCH = family("postfix.smtpd.hostname-mismatch", EventKind.SCANNER);
  public static final Family PREGREET = family("postfix.postscreen.pregreet", EventKind.PROTOCOL_ABUSE);
  public static final Family HANGUP = family("postfix.postscreen.hangup", EventKind.SCANNER);
  public static final Family COMMAND_LIMIT = family("postfix.postscreen.command-limit", EventKind.PROTOCOL_ABUSE);
  public static final Family SCREEN_PROTOCOL = family("postfix.postscreen.protocol", EventKind.PROTOCOL_ABUSE);
  public static final Family DNSBL = family("postfix.postscreen.dnsbl", EventKind.SPAM_REJECT);
  public static final Family EARLY_RETRY = family("postfix.postgrey.early-retry", EventKind.RATE_LIMITED);

  private static final List<Family> FAMILIES = List.of(SASL_FAILED, RELAY_DENIED, UNKNOWN_RECIPIENT, RBL,
      HELO_REJECTED, REJECTED, PIPELINING, TOO_MANY_ERRORS, LOST_CONNECTION, AUTH_DISCONNECT, NON_SMTP,
      RATE_LIMIT, HOSTNAME_MISMATCH, PREGREET, HANGUP, COMMAND_LIMIT, SCREEN_PROTOCOL, DNSBL, EARLY_RETRY);

  private static final Needle WARNING = Needle.of("warning: ");
  private static final Needle SASL = Needle.of(": SASL ");
  private static final Needle AUTH_FAILED = Needle.of(" authentication failed");
  private static final Needle LOST_AUTH_SERVER = Needle.of("Connection lost to authentication server");
  private static final Needle SASL_USERNAME = Needle.of(", sasl_username=");
  private static final Needle NON_SMTP_FROM = Needle.of("non-SMTP command from ");
  private static final Needle[] RATE_LIMITS = {
    Needle.of("Connection rate limit exceeded: "), Needle.of("Message delivery request rate limit exceeded: "),
    Needle.of("Connection concurrency limit exceeded: "), Needle.of("Recipient address rate limit exceeded: "),
    Needle.of("New TLS session rate limit exceeded: "), Needle.of("Message size rate limit exceeded: "),
  };
  private static final Needle FROM = Needle.of(" from ");
  private static final Needle HOSTNAME = Needle.of("hostname ");
  private static final Needle COLON_SPACE = Needle.of(": ");
  private static final Needle NOT_RESOLVE = Needle.of(" does not resolve to address ");
  private static final Needle PIPELINING_AFTER = Needle.of("improper command pipelining after ");
  private static final Needle ERRORS_AFTER = Needle.of("too many errors after ");
  private static final Needle LOST_AFTER = Needle.of("lost connection after ");
  private static final Needle REJECT = Needle.of("reject: ");
  private static final Needle MILTER_REJECT = Needle.of("milter-reject: ");
  private static final Needle DISCONNECT_FROM = Needle.of("disconnect from ");
  private static final Needle AUTH_COUNTER = Needle.of(" auth=");
  private static final Needle RELAY_ACCESS = Needle.of("Relay access denied");
  private static final Needle USER_UNKNOWN = Needle.of("User unknown");
  private static final Needle UNDELIVERABLE = Needle.of("undeliverable address");
  private static final Needle BLOCKED_USING = Needle.of(" blocked using ");
  private static final Needle HELO_COMMAND = Needle.of("Helo command rejected");
  private static final Needle TO = Needle.of(" to=<");
  private static final Needle PREGREET_WORD = Needle.of("PREGREET ");
  private static final Needle HANGUP_WORD = Needle.of("HANGUP after ");
  private static final Needle IN_TESTS = Needle.of(" in tests");
  private static final Needle[] SCREEN_LIMITS = {Needle.of("COMMAND TIME LIMIT from "), Needle.of("COMMAND COUNT LIMIT from "),
    Needle.of("COMMAND LENGTH LIMIT from ")};
  private static final Needle[] SCREEN_VIOLATIONS = {Needle.of("COMMAND PIPELINING from "), Needle.of("NON-SMTP COMMAND from "),
    Needle.of("BARE NEWLINE from ")};
  private static final Needle DNSBL_RANK = Needle.of("DNSBL rank ");
  private static final Needle FOR = Needle.of(" for ");
  private static final Needle GREYLIST = Needle.of("action=greylist, reason=early-retry");
  private static final Needle CLIENT_ADDRESS = Needle.of(", client_address=");
  private static final int LONGEST_NAME = 255;

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.POSTFIX, kind);
  }

  @Override
  public Service service() {
    return Service.POSTFIX;
  }

  @Override
  public List<Family> families() {
    return FAMILIES;
  }

  @Override
  public Event parse(Message m) {
    int p = m.start();
    if (m.startsWith(WARNING)) {
      return warning(m, p + WARNING.length());
    }
    if (m.startsWith(PIPELINING_AFTER)) {
      return afterCommand(m, p + PIPELINING_AFTER.length(), PIPELINING);
    }
    if (m.startsWith(ERRORS_AFTER)) {
      return afterCommand(m, p + ERRORS_AFTER.length(), TOO_MANY_ERRORS);
    }
    if (m.startsWith(DISCONNECT_FROM)) {
      return disconnect(m, p + DISCONNECT_FROM.length());
    }
    Event screened = postscreen(m, p);
    if (screened != null) {
      return screened;
    }
    if (m.startsWith(GREYLIST)) {
      return earlyRetry(m);
    }
    return queued(m, queueIdEnd(m, p));
  }

  /** A message after an optional {@code NOQUEUE: } or queue id: rejects and lost connections. */
  private static Event queued(Message m, int p) {
    if (m.matchesAt(p, LOST_AFTER)) {
      return lostConnection(m, p + LOST_AFTER.length());
    }
    if (m.matchesAt(p, REJECT)) {
      return reject(m, p + REJECT.length());
    }
    if (m.matchesAt(p, MILTER_REJECT)) {
      return reject(m, p + MILTER_REJECT.length());
    }
    return null;
  }

  /** {@code warning: host[ADDR]: SASL ...}, {@code warning: non-SMTP command from ...} and rate limits. */
  private static Event warning(Message m, int p) {
    if (m.matchesAt(p, NON_SMTP_FROM)) {
      return client(m, p + NON_SMTP_FROM.length(), NON_SMTP);
    }
    for (Needle limit : RATE_LIMITS) {
      if (m.matchesAt(p, limit)) {
        int digits = m.digitsEnd(p + limit.length());
        return digits > p + limit.length() && m.matchesAt(digits, FROM) ? client(m, digits + FROM.length(), RATE_LIMIT) : null;
      }
    }
    if (m.matchesAt(p, HOSTNAME)) {
      return hostnameMismatch(m, p + HOSTNAME.length());
    }
    return sasl(m, p);
  }

  /** {@code host[ADDR][:PORT]: SASL MECH authentication failed: reason[, sasl_username=USER]}. */
  private static Event sasl(Message m, int p) {
    Peer peer = hostAndAddress(m, p);
    if (peer == null || !m.matchesAt(peer.end(), SASL)) {
      return null;
    }
    int mech = peer.end() + SASL.length();
    int mechEnd = m.indexOf((byte) ' ', mech);
    if (mechEnd <= mech || !m.matchesAt(mechEnd, AUTH_FAILED)) {
      return null;
    }
    int reason = mechEnd + AUTH_FAILED.length();
    if (m.indexOf(LOST_AUTH_SERVER, reason) >= 0) {
      return null; // postfix could not reach its SASL server: nothing the client did
    }
    int user = m.lastIndexOf(SASL_USERNAME);
    return m.event(SASL_FAILED).source(peer.address()).sourcePort(peer.port()).protocol(Protocol.TCP)
        .user(user > reason ? m.text(user + SASL_USERNAME.length(), m.end()) : null).build();
  }

  /** {@code hostname NAME does not resolve to address ADDR[: reason]}; postfix validated NAME, so it has no spaces. */
  private static Event hostnameMismatch(Message m, int p) {
    int nameEnd = m.indexOf((byte) ' ', p);
    if (nameEnd <= p || nameEnd - p > LONGEST_NAME || !m.matchesAt(nameEnd, NOT_RESOLVE)) {
      return null;
    }
    int from = nameEnd + NOT_RESOLVE.length();
    int to = m.addressEnd(from);
    // IPv6 ends in hex or ':', so the reason is cut off at the ": " that starts it.
    int reason = m.indexOf(COLON_SPACE, from);
    if (reason > 0 && reason < to) {
      to = reason;
    }
    if (to != m.end() && !(m.byteAt(to) == ':' && to + 1 < m.end() && m.byteAt(to + 1) == ' ')) {
      return null;
    }
    return m.event(HOSTNAME_MISMATCH).source(m.address(from, to)).protocol(Protocol.TCP).build();
  }

  /** {@code CMD from host[ADDR]} after "improper command pipelining after" or "too many errors after". */
  private static Event afterCommand(Message m, int p, Family family) {
    int cmdEnd = commandEnd(m, p);
    return cmdEnd > p && m.matchesAt(cmdEnd, FROM) ? client(m, cmdEnd + FROM.length(), family) : null;
  }

  /** {@code lost connection after CMD from host[ADDR]}; a lost connection during DATA is ordinary network trouble. */
  private static Event lostConnection(Message m, int p) {
    int cmdEnd = commandEnd(m, p);
    if (cmdEnd <= p || !m.matchesAt(cmdEnd, FROM) || isDataPhase(m, p, cmdEnd)) {
      return null;
    }
    return client(m, cmdEnd + FROM.length(), LOST_CONNECTION);
  }

  private static boolean isDataPhase(Message m, int from, int to) {
    String cmd = m.ascii(from, to);
    return cmd.equals("DATA") || cmd.equals("BDAT") || cmd.equals("END-OF-MESSAGE");
  }

  /**
   * {@code disconnect from host[ADDR] ehlo=1 auth=0/1 ...}: a session whose AUTH commands failed. Its
   * kind is SCANNER, not AUTH_FAILURE: the failure itself was already logged as a SASL warning.
   */
  private static Event disconnect(Message m, int p) {
    Peer peer = hostAndAddress(m, p);
    if (peer == null) {
      return null;
    }
    int counter = m.indexOf(AUTH_COUNTER, peer.end());
    if (counter < 0) {
      return null;
    }
    int okFrom = counter + AUTH_COUNTER.length();
    int okEnd = m.digitsEnd(okFrom);
    if (okEnd == okFrom || okEnd >= m.end() || m.byteAt(okEnd) != '/') {
      return null;
    }
    int totalEnd = m.digitsEnd(okEnd + 1);
    int ok = m.number(okFrom, okEnd);
    int total = m.number(okEnd + 1, totalEnd);
    if (ok < 0 || total <= ok) {
      return null;
    }
    return m.event(AUTH_DISCONNECT).source(peer.address()).sourcePort(peer.port()).protocol(Protocol.TCP).build();
  }

  /** {@code CMD from host[ADDR][:PORT]: CODE X.Y.Z reply; from=<...> to=<...> proto=... helo=<...>}. */
  private static Event reject(Message m, int p) {
    int cmdEnd = commandEnd(m, p);
    if (cmdEnd <= p || !m.matchesAt(cmdEnd, FROM)) {
      return null;
    }
    Peer peer = hostAndAddress(m, cmdEnd + FROM.length());
    if (peer == null || peer.end() + 1 >= m.end() || m.byteAt(peer.end()) != ':' || m.byteAt(peer.end() + 1) != ' ') {
      return null;
    }
    int reply = peer.end() + 2;
    if (m.digitsEnd(reply) != reply + 3) {
      return null;
    }
    // The reply quotes the sender or recipient, so a tailored address can move a line to another
    // family; the source stays the client postfix wrote before it.
    Family family = rejectFamily(m, reply);
    String user = null;
    if (family == UNKNOWN_RECIPIENT) {
      int to = m.indexOf(TO, reply);
      int close = to < 0 ? -1 : m.indexOf((byte) '>', to + TO.length());
      user = close < 0 ? null : m.text(to + TO.length(), close);
    }
    return m.event(family).source(peer.address()).sourcePort(peer.port()).protocol(Protocol.TCP).user(user).build();
  }

  private static Family rejectFamily(Message m, int reply) {
    if (m.indexOf(RELAY_ACCESS, reply) >= 0) {
      return RELAY_DENIED;
    }
    if (m.indexOf(USER_UNKNOWN, reply) >= 0 || m.indexOf(UNDELIVERABLE, reply) >= 0) {
      return UNKNOWN_RECIPIENT;
    }
    if (m.indexOf(BLOCKED_USING, reply) >= 0) {
      return RBL;
    }
    if (m.indexOf(HELO_COMMAND, reply) >= 0) {
      return HELO_REJECTED;
    }
    return REJECTED;
  }

  /** postscreen's verdicts: PREGREET, HANGUP, command limits and violations, DNSBL rank. */
  private static Event postscreen(Message m, int p) {
    if (m.startsWith(PREGREET_WORD)) {
      int from = m.indexOf(FROM, p + PREGREET_WORD.length());
      return from > 0 && from < p + 40 ? screenClient(m, from + FROM.length(), PREGREET) : null;
    }
    if (m.startsWith(HANGUP_WORD)) {
      int from = m.indexOf(FROM, p + HANGUP_WORD.length());
      if (from < 0 || from > p + 40) {
        return null;
      }
      Peer peer = BracketedAddress.read(m, from + FROM.length());
      return peer != null && m.matchesAt(peer.end(), IN_TESTS) ? build(m, HANGUP, peer) : null;
    }
    for (Needle limit : SCREEN_LIMITS) {
      if (m.startsWith(limit)) {
        return screenClient(m, p + limit.length(), COMMAND_LIMIT);
      }
    }
    for (Needle violation : SCREEN_VIOLATIONS) {
      if (m.startsWith(violation)) {
        return screenClient(m, p + violation.length(), SCREEN_PROTOCOL);
      }
    }
    if (m.startsWith(DNSBL_RANK)) {
      int digits = m.digitsEnd(p + DNSBL_RANK.length());
      return m.matchesAt(digits, FOR) ? screenClient(m, digits + FOR.length(), DNSBL) : null;
    }
    return null;
  }

  /** postscreen writes its client as {@code [ADDR]:PORT}, with no name. */
  private static Event screenClient(Message m, int at, Family family) {
    Peer peer = BracketedAddress.read(m, at);
    return peer == null || peer.port() == 0 ? null : build(m, family, peer);
  }

  /**
   * postgrey: {@code action=greylist, reason=early-retry (..), client_name=NAME, client_address=ADDR, sender=..}.
   * The name came through postfix's policy protocol, which sends only validated names, so the first
   * {@code client_address=} is postgrey's own; the sender and recipient come after it.
   */
  private static Event earlyRetry(Message m) {
    int at = m.indexOf(CLIENT_ADDRESS, m.start() + GREYLIST.length());
    if (at < 0) {
      return null;
    }
    int from = at + CLIENT_ADDRESS.length();
    int to = m.addressEnd(from);
    if (to < m.end() && m.byteAt(to) != ',') {
      return null;
    }
    IpAddress address = m.address(from, to);
    return address == null ? null : m.event(EARLY_RETRY).source(address).protocol(Protocol.TCP).build();
  }

  /** The client at {@code at} ({@code host[ADDR]}), which must end the message or be followed by ':', ' ' or ','. */
  private static Event client(Message m, int at, Family family) {
    Peer peer = hostAndAddress(m, at);
    if (peer == null) {
      return null;
    }
    int e = peer.end();
    if (e < m.end() && m.byteAt(e) != ':' && m.byteAt(e) != ' ' && m.byteAt(e) != ',') {
      return null;
    }
    return build(m, family, peer);
  }

  private static Event build(Message m, Family family, Peer peer) {
    return m.event(family).source(peer.address()).sourcePort(peer.port()).protocol(Protocol.TCP).build();
  }

  /**
   * Postfix's {@code name[ADDR]} or {@code name[ADDR]:PORT} at {@code at}: a name of host-name
   * characters (validated by postfix, or {@code unknown}) and the bracketed address.
   */
  static Peer hostAndAddress(Message m, int at) {
    int i = at;
    int limit = Math.min(m.end(), at + LONGEST_NAME);
    while (i < limit && isNameByte(m.byteAt(i))) {
      i++;
    }
    return BracketedAddress.read(m, i);
  }

  private static boolean isNameByte(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  }

  /** Index after an SMTP command word (upper-case letters and '-') starting at {@code p}. */
  private static int commandEnd(Message m, int p) {
    int i = p;
    int limit = Math.min(m.end(), p + 20);
    while (i < limit && ((m.byteAt(i) >= 'A' && m.byteAt(i) <= 'Z') || m.byteAt(i) == '-')) {
      i++;
    }
    return i;
  }

  /** Index after {@code NOQUEUE: } or a queue id and {@code ": "}, else {@code p} itself. */
  private static int queueIdEnd(Message m, int p) {
    int i = p;
    int limit = Math.min(m.end(), p + 24);
    while (i < limit && (isAlnum(m.byteAt(i)))) {
      i++;
    }
    return i > p && i + 1 < m.end() && m.byteAt(i) == ':' && m.byteAt(i + 1) == ' ' ? i + 2 : p;
  }

  private static boolean isAlnum(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
