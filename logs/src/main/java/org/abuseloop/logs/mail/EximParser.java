package org.abuseloop.logs.mail;

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
 * Reads Exim's mainlog and rejectlog messages (in their own files or through syslog): authenticator
 * failures, rejected RCPT/EHLO/DATA, protocol and synchronization errors, dropped connections and
 * SpamAssassin verdicts. The host comes from the {@code H=} part Exim writes, found from the side of
 * the line no client text can reach; stateless and thread-safe.
 */
public final class EximParser implements ServiceParser {

  public static final Family AUTH_FAILED = family("exim.auth.failed", EventKind.AUTH_FAILURE);
  public static final Family AUTH_NOT_ADVERTISED = family("exim.smtp.auth-protocol-error", EventKind.PROTOCOL_ABUSE);
  public static final Family SYNC_ERROR = family("exim.smtp.synchronization-error", EventKind.PROTOCOL_ABUSE);
  public static final Family TOO_MANY = family("exim.smtp.dropped", EventKind.PROTOCOL_ABUSE);
  public static final Family NO_MAIL = family("exim.smtp.no-mail", EventKind.SCANNER);
  public static final Family ACL_DROP = family("exim.acl.drop", EventKind.ACL_REJECT);
  public static final Family RELAY_DENIED = family("exim.rcpt.relay-denied", EventKind.ACL_REJECT);
  public static final Family UNKNOWN_RECIPIENT = family("exim.rcpt.unknown-user", EventKind.UNKNOWN_USER);
  public static final Family RCPT_REJECTED = family("exim.rcpt.rejected", EventKind.SPAM_REJECT);
  public static final Family SENDER_VERIFY = family("exim.mail.sender-verify-failed", EventKind.SPAM_REJECT);
  public static final Family HELO_REJECTED = family("exim.helo.rejected", EventKind.PROTOCOL_ABUSE);
  public static final Family DATA_REJECTED = family("exim.data.rejected", EventKind.SPAM_REJECT);
  public static final Family REJECTED = family("exim.smtp.rejected", EventKind.SPAM_REJECT);
  public static final Family NO_REVERSE = family("exim.dns.no-host-name", EventKind.SCANNER);
  public static final Family SPAM = family("exim.spamassassin.spam", EventKind.SPAM_REJECT);

  private static final List<Family> FAMILIES = List.of(AUTH_FAILED, AUTH_NOT_ADVERTISED, SYNC_ERROR, TOO_MANY,
      NO_MAIL, ACL_DROP, RELAY_DENIED, UNKNOWN_RECIPIENT, RCPT_REJECTED, SENDER_VERIFY, HELO_REJECTED,
      DATA_REJECTED, REJECTED, NO_REVERSE, SPAM);

  private static final Needle AUTHENTICATOR_FAILED = Needle.of("authenticator failed for ");
  private static final Needle SET_ID = Needle.of("(set_id=");
  private static final Needle PROTOCOL_ERROR = Needle.of("SMTP protocol error in \"");
  private static final Needle SYNTAX_ERROR = Needle.of("SMTP syntax error in \"");
  private static final Needle NOT_ADVERTISED = Needle.of(" AUTH command used when not advertised");
  private static final Needle MECHANISM_UNSUPPORTED = Needle.of(" authentication mechanism not supported");
  private static final Needle QUOTE_HOST = Needle.of("\" H=");
  private static final Needle SYNCHRONIZATION = Needle.of("SMTP protocol synchronization error (");
  private static final Needle REJECTED_CONNECTION = Needle.of("): rejected connection from ");
  private static final Needle REJECTED_COMMAND = Needle.of("): rejected \"");
  private static final Needle NEXT_INPUT = Needle.of(" next input=");
  private static final Needle CALL_FROM = Needle.of("SMTP call from ");
  private static final Needle DROPPED_TOO_MANY = Needle.of(" dropped: too many ");
  private static final Needle NO_MAIL_FROM = Needle.of("no MAIL in SMTP connection from ");
  private static final Needle CONNECTION_FROM = Needle.of("SMTP connection from ");
  private static final Needle DROP_IN_ACL = Needle.of(" closed by DROP in ACL");
  private static final Needle NO_HOST_NAME = Needle.of("no host name found for IP address ");
  private static final Needle NO_IP_FOUND = Needle.of("no IP address found for host ");
  private static final Needle DURING_CONNECTION = Needle.of(" (during SMTP connection from ");
  private static final Needle HOST = Needle.of("H=");
  private static final Needle SPACE_HOST = Needle.of(" H=");
  private static final Needle SENDER = Needle.of("F=");
  private static final Needle LOCAL_SCAN = Needle.of("rejected by local_scan()");
  private static final Needle REJECTED_HELO = Needle.of("rejected HELO from ");
  private static final Needle REJECTED_EHLO = Needle.of("rejected EHLO from ");
  private static final Needle INTERFACE = Needle.of(" I=");
  private static final Needle REJECTED_RCPT = Needle.of(" rejected RCPT ");
  private static final Needle SENDER_VERIFY_FAIL = Needle.of(" sender verify fail");
  private static final Needle REJECTED_AFTER_DATA = Needle.of(" rejected after DATA");
  private static final Needle REJECTED_HELO_ACL = Needle.of(" rejected EHLO or HELO");
  private static final Needle REJECTED_WORD = Needle.of(" rejected ");
  private static final Needle DROPPED_BY = Needle.of(" dropped by '");
  private static final Needle RELAY_NOT_PERMITTED = Needle.of("relay not permitted");
  private static final Needle[] UNKNOWN_USER = {Needle.of("Unknown user"), Needle.of("unknown user"),
    Needle.of("Unrouteable address"), Needle.of("No Such User"), Needle.of("No such user")};
  private static final Needle SPAMASSASSIN = Needle.of("SA: Action: ");
  private static final Needle[] SPAM_ACTIONS = {Needle.of("flagged as Spam"), Needle.of("silently tossed"),
    Needle.of("permanently rejected"), Needle.of("temporarily rejected")};
  private static final Needle SA_ACTION = Needle.of("Action: ");
  private static final Needle SA_HOST = Needle.of(" (host=");
  private static final Needle SA_HOST_END = Needle.of("]) for ");

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.EXIM, kind);
  }

  @Override
  public Service service() {
    return Service.EXIM;
  }

  @Override
  public List<Family> families() {
    return FAMILIES;
  }

  @Override
  public Event parse(Message m) {
    if (m.programIs("SA") && m.startsWith(SA_ACTION)) {
      // A syslog reader may take the message id for a host name and "SA:" for the program.
      return spamAssassin(m, m.start() + SA_ACTION.length());
    }
    int p = EximPrefix.skip(m);
    if (p >= m.end()) {
      return null;
    }
    switch (m.byteAt(p)) {
      case 'H':
        return m.matchesAt(p, HOST) ? hostFirst(m, p + HOST.length()) : null;
      case 'F':
        return m.matchesAt(p, SENDER) ? localScan(m, p) : null;
      case 'S':
        return smtp(m, p);
      case 'n':
        return noSomething(m, p);
      case 'r':
        return rejectedGreeting(m, p);
      default:
        return authenticator(m, p);
    }
  }

  /** Messages that start with {@code SMTP }: protocol, syntax and synchronization errors, calls and connections dropped. */
  private static Event smtp(Message m, int p) {
    if (m.matchesAt(p, PROTOCOL_ERROR)) {
      return protocolError(m, p + PROTOCOL_ERROR.length());
    }
    if (m.matchesAt(p, SYNTAX_ERROR)) {
      return protocolError(m, p + SYNTAX_ERROR.length());
    }
    if (m.matchesAt(p, SYNCHRONIZATION)) {
      return synchronization(m, p + SYNCHRONIZATION.length());
    }
    if (m.matchesAt(p, CALL_FROM)) {
      return hostThen(m, p + CALL_FROM.length(), DROPPED_TOO_MANY, TOO_MANY);
    }
    if (m.matchesAt(p, CONNECTION_FROM)) {
      return hostThen(m, p + CONNECTION_FROM.length(), DROP_IN_ACL, ACL_DROP);
    }
    if (m.matchesAt(p, SPAMASSASSIN)) {
      return spamAssassin(m, p + SPAMASSASSIN.length());
    }
    return null;
  }

  /** {@code [name] authenticator failed for HOST: 535 Incorrect authentication data (set_id=USER)}. */
  private static Event authenticator(Message m, int p) {
    int at;
    if (m.matchesAt(p, AUTHENTICATOR_FAILED)) {
      at = p + AUTHENTICATOR_FAILED.length();
    } else {
      int space = m.indexOf((byte) ' ', p);
      if (space < 0 || space - p > 64 || !m.matchesAt(space + 1, AUTHENTICATOR_FAILED)) {
        return null;
      }
      at = space + 1 + AUTHENTICATOR_FAILED.length();
    }
    Peer peer = EximHost.read(m, at);
    if (peer == null || !endsField(m, peer.end())) {
      return null;
    }
    int setId = m.lastIndexOf(SET_ID);
    int close = m.lastIndexOf((byte) ')', m.end());
    String user = setId > peer.end() && close > setId ? m.text(setId + SET_ID.length(), close) : null;
    return draft(m, AUTH_FAILED, peer).user(user).build();
  }

  /**
   * {@code SMTP protocol error in "CMD" H=HOST ERROR}: the command is the client's and may hold a
   * fake {@code " H=}, so the host is the last one before the error text, which must be one Exim
   * writes itself (or, for an unsupported mechanism, the client's one-word mechanism name).
   */
  private static Event protocolError(Message m, int p) {
    int errorAt = m.lastIndexOf(NOT_ADVERTISED);
    if (errorAt < 0) {
      int unsupported = m.lastIndexOf(MECHANISM_UNSUPPORTED);
      if (unsupported < 0) {
        return null;
      }
      errorAt = m.lastIndexOf((byte) ' ', unsupported);
    }
    int host = errorAt < p ? -1 : m.lastIndexOf(QUOTE_HOST, errorAt);
    if (host < p) {
      return null;
    }
    Peer peer = EximHost.read(m, host + QUOTE_HOST.length());
    return peer == null || peer.end() > errorAt ? null : draft(m, AUTH_NOT_ADVERTISED, peer).build();
  }

  /**
   * {@code SMTP protocol synchronization error (...): rejected connection from H=HOST input="..."} or
   * {@code ...: rejected "CMD" H=HOST next input="..."}. In the second form client text stands on both
   * sides of the host, so the line counts only when exactly one {@code " H=} is followed by a host and
   * {@code next input=}.
   */
  private static Event synchronization(Message m, int p) {
    int close = m.indexOf((byte) ')', p);
    if (close < 0) {
      return null;
    }
    if (m.matchesAt(close, REJECTED_CONNECTION)) {
      int at = close + REJECTED_CONNECTION.length();
      Peer peer = m.matchesAt(at, HOST) ? EximHost.read(m, at + HOST.length()) : null;
      return peer == null ? null : draft(m, SYNC_ERROR, peer).build();
    }
    if (!m.matchesAt(close, REJECTED_COMMAND)) {
      return null;
    }
    Peer found = null;
    for (int at = m.indexOf(QUOTE_HOST, close); at >= 0; at = m.indexOf(QUOTE_HOST, at + 1)) {
      Peer peer = EximHost.read(m, at + QUOTE_HOST.length());
      if (peer != null && m.matchesAt(skipInterface(m, peer.end()), NEXT_INPUT)) {
        if (found != null) {
          return null;
        }
        found = peer;
      }
    }
    return found == null ? null : draft(m, SYNC_ERROR, found).build();
  }

  /** The host at {@code at}, then (after an optional {@code I=}) the fixed text {@code then}. */
  private static Event hostThen(Message m, int at, Needle then, Family family) {
    Peer peer = EximHost.read(m, at);
    if (peer == null || !m.matchesAt(skipInterface(m, peer.end()), then)) {
      return null;
    }
    return draft(m, family, peer).build();
  }

  /** {@code no MAIL in SMTP connection from HOST ...}, {@code no host name found for IP address ADDR}, {@code no IP address found for host NAME (during SMTP connection from [ADDR]...)}. */
  private static Event noSomething(Message m, int p) {
    if (m.matchesAt(p, NO_MAIL_FROM)) {
      Peer peer = EximHost.read(m, p + NO_MAIL_FROM.length());
      return peer == null || !endsField(m, peer.end()) ? null : draft(m, NO_MAIL, peer).build();
    }
    if (m.matchesAt(p, NO_HOST_NAME)) {
      int from = p + NO_HOST_NAME.length();
      IpAddress address = m.address(from, m.end());
      return address == null ? null : m.event(NO_REVERSE).source(address).protocol(Protocol.TCP).build();
    }
    if (m.matchesAt(p, NO_IP_FOUND)) {
      int during = m.lastIndexOf(DURING_CONNECTION);
      Peer peer = during < 0 ? null : BracketedAddress.read(m, during + DURING_CONNECTION.length());
      return peer == null ? null : draft(m, NO_REVERSE, peer).build();
    }
    return null;
  }

  /** {@code rejected EHLO from [ADDR]: syntactically invalid argument(s): ...}. */
  private static Event rejectedGreeting(Message m, int p) {
    if (!m.matchesAt(p, REJECTED_EHLO) && !m.matchesAt(p, REJECTED_HELO)) {
      return null;
    }
    Peer peer = EximHost.read(m, p + REJECTED_EHLO.length());
    return peer == null || !endsField(m, peer.end()) ? null : draft(m, HELO_REJECTED, peer).build();
  }

  /**
   * {@code H=HOST [I=..] [F=<sender>] rejected RCPT <rcpt>: reason} and the other lines that start with
   * the host. The sender and recipient follow the host and only choose the family.
   */
  private static Event hostFirst(Message m, int at) {
    Peer peer = EximHost.read(m, at);
    if (peer == null || !endsField(m, peer.end())) {
      return null;
    }
    Family family = hostFirstFamily(m, peer.end());
    return family == null ? null : draft(m, family, peer).build();
  }

  private static Family hostFirstFamily(Message m, int from) {
    int rcpt = m.indexOf(REJECTED_RCPT, from);
    if (rcpt >= 0) {
      if (m.indexOf(RELAY_NOT_PERMITTED, rcpt) >= 0) {
        return RELAY_DENIED;
      }
      for (Needle unknown : UNKNOWN_USER) {
        if (m.indexOf(unknown, rcpt) >= 0) {
          return UNKNOWN_RECIPIENT;
        }
      }
      return RCPT_REJECTED;
    }
    if (m.indexOf(SENDER_VERIFY_FAIL, from) >= 0) {
      return SENDER_VERIFY;
    }
    if (m.indexOf(REJECTED_AFTER_DATA, from) >= 0) {
      return DATA_REJECTED;
    }
    if (m.indexOf(REJECTED_HELO_ACL, from) >= 0) {
      return HELO_REJECTED;
    }
    if (m.indexOf(DROPPED_BY, from) >= 0) {
      return ACL_DROP;
    }
    return m.indexOf(REJECTED_WORD, from) >= 0 ? REJECTED : null;
  }

  /**
   * {@code F=sender H=HOST I=.. P=esmtp rejected by local_scan(): ...}: the sender comes first and is
   * the client's, so the host is the last {@code H=}, which the local_scan verdict after it cannot hold.
   */
  private static Event localScan(Message m, int p) {
    int scan = m.lastIndexOf(LOCAL_SCAN);
    int host = scan < 0 ? -1 : m.lastIndexOf(SPACE_HOST, scan);
    if (host < p) {
      return null;
    }
    Peer peer = EximHost.read(m, host + SPACE_HOST.length());
    return peer == null || peer.end() > scan ? null : draft(m, DATA_REJECTED, peer).build();
  }

  /**
   * sa-exim: {@code SA: Action: flagged as Spam ...From <sender> (host=NAME [ADDR]) for rcpt}. Sender
   * and recipient are the client's and surround the host, so exactly one {@code (host=NAME [ADDR]) for}
   * must be present.
   */
  private static Event spamAssassin(Message m, int p) {
    boolean spam = false;
    for (Needle action : SPAM_ACTIONS) {
      spam |= m.matchesAt(p, action);
    }
    if (!spam) {
      return null;
    }
    Peer found = null;
    for (int at = m.indexOf(SA_HOST, p); at >= 0; at = m.indexOf(SA_HOST, at + 1)) {
      int space = m.indexOf((byte) ' ', at + SA_HOST.length());
      Peer peer = space < 0 ? null : BracketedAddress.read(m, space + 1);
      if (peer != null && peer.port() == 0 && m.matchesAt(peer.end() - 1, SA_HOST_END)) {
        if (found != null) {
          return null;
        }
        found = peer;
      }
    }
    return found == null ? null : draft(m, SPAM, found).build();
  }

  /** Index after an optional {@code " I=[ADDR]:PORT"}. */
  private static int skipInterface(Message m, int at) {
    if (!m.matchesAt(at, INTERFACE)) {
      return at;
    }
    Peer local = BracketedAddress.read(m, at + INTERFACE.length());
    return local == null ? at : local.end();
  }

  /** The host must end where a field, a colon or the message does. */
  private static boolean endsField(Message m, int at) {
    return at == m.end() || m.byteAt(at) == ' ' || m.byteAt(at) == ':';
  }

  /** An event from {@code peer}, with the local interface when {@code I=[ADDR]:PORT} follows the host. */
  private static EventDraft draft(Message m, Family family, Peer peer) {
    EventDraft d = m.event(family).source(peer.address()).sourcePort(peer.port()).protocol(Protocol.TCP);
    if (m.matchesAt(peer.end(), INTERFACE)) {
      Peer local = BracketedAddress.read(m, peer.end() + INTERFACE.length());
      if (local != null) {
        d.target(local.address()).targetPort(local.port());
      }
    }
    return d;
  }
}
