package org.abuseloop.logs.ssh;

import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Reads sshd's connection-level lines (a connection opening and ending, clients that do not speak
 * SSH, failed key exchange, timeouts, penalties, TCP wrappers) into a {@link Finding}. Most name the
 * client right after fixed words; where client text precedes it, the client is read from the end.
 * Stateless and thread-safe.
 */
final class ConnectionLines {

  private static final Needle PORT = Needle.of(" port ");
  private static final Needle FROM = Needle.of(" from ");
  private static final Needle CONNECTION_FROM = Needle.of("Connection from ");
  private static final Needle ON = Needle.of(" on ");
  private static final Needle CLOSED_BY = Needle.of("Connection closed by ");
  private static final Needle RESET_BY = Needle.of("Connection reset by ");
  private static final Needle DISCONNECTED_FROM = Needle.of("Disconnected from ");
  private static final Needle AUTHENTICATING_USER = Needle.of("authenticating user ");
  private static final Needle INVALID_USER = Needle.of("invalid user ");
  private static final Needle RECEIVED_DISCONNECT = Needle.of("Received disconnect from ");
  private static final Needle AUTH_FAIL = Needle.of("Auth fail");
  private static final Needle READ_RESET = Needle.of("Read from socket failed: Connection reset by peer");
  private static final Needle LTYPE = Needle.of("SSH: Server;Ltype: ");
  private static final Needle REMOTE = Needle.of(";Remote: ");
  private static final Needle NO_IDENT = Needle.of("Did not receive identification string from ");
  private static final Needle BAD_VERSION = Needle.of("Bad protocol version identification ");
  private static final Needle KEX_IDENT = Needle.of("kex_exchange_identification: ");
  private static final Needle BANNER = Needle.of("banner exchange: Connection from ");
  private static final Needle NEGOTIATE_WITH = Needle.of("Unable to negotiate with ");
  private static final Needle NEGOTIATE_A = Needle.of("Unable to negotiate a ");
  private static final Needle NO_MATCHING = Needle.of("no matching ");
  private static final Needle DISPATCH = Needle.of("ssh_dispatch_run_fatal: Connection from ");
  private static final Needle MAGIC = Needle.of("Magic value check failed (");
  private static final Needle TIMEOUT = Needle.of("Timeout before authentication for ");
  private static final Needle CONNECTION_FROM_WORDS = Needle.of("connection from ");
  private static final Needle DROP = Needle.of("drop connection #");
  private static final Needle FROM_BRACKET = Needle.of(" from [");
  private static final Needle ON_BRACKET = Needle.of(" on [");
  private static final Needle PENALTY = Needle.of(" penalty: ");
  private static final Needle REFUSED_CONNECT = Needle.of("refused connect from ");

  private ConnectionLines() {}

  /**
   * The client written at {@code at} (an address or name up to the next space) with an optional
   * {@code " port P"} after it, as a finding of this role and family; null when none is there.
   */
  static Finding clientAt(Finding.Role role, Family family, Message m, int at, int end) {
    int hostEnd = AuthLogTail.tokenEnd(m, at, end);
    Source s = Source.read(m, at, hostEnd);
    if (s == null) {
      return null;
    }
    return new Finding(role, family).client(s, portAfter(m, hostEnd, end));
  }

  /** The port of {@code " port P"} at {@code at}, or 0. */
  private static int portAfter(Message m, int at, int end) {
    if (at + PORT.length() >= end || !m.matchesAt(at, PORT)) {
      return 0;
    }
    return m.port(at + PORT.length(), Math.min(m.digitsEnd(at + PORT.length()), end));
  }

  /** {@code Connection from ADDR[ port P][ on ADDR port P]}: a connection opens (LogLevel VERBOSE). */
  static Finding connectionFrom(Message m, int pos, int end) {
    if (!m.matchesAt(pos, CONNECTION_FROM)) {
      return null;
    }
    Finding f = clientAt(Finding.Role.NEW_CONNECTION, null, m, pos + CONNECTION_FROM.length(), end);
    if (f == null) {
      return null;
    }
    int on = m.indexOf(ON, pos + CONNECTION_FROM.length());
    if (on > 0 && on < end) {
      int targetEnd = AuthLogTail.tokenEnd(m, on + ON.length(), end);
      f.target = m.address(on + ON.length(), targetEnd);
      f.targetPort = f.target == null ? 0 : portAfter(m, targetEnd, end);
    }
    return f;
  }

  /**
   * {@code Connection closed by}, {@code Connection reset by} and {@code Disconnected from}, then
   * {@code [authenticating user X |invalid user X ]ADDR[ port P]}: the client is read from the end,
   * since X is the client's.
   */
  static Finding sessionEnd(Message m, int pos, int end, boolean preauth) {
    Needle lead = m.matchesAt(pos, CLOSED_BY) ? CLOSED_BY : m.matchesAt(pos, RESET_BY) ? RESET_BY
        : m.matchesAt(pos, DISCONNECTED_FROM) ? DISCONNECTED_FROM : null;
    if (lead == null) {
      return null;
    }
    int start = pos + lead.length();
    int portAt = m.lastIndexOf(PORT, end);
    int port = portAt >= start ? m.port(portAt + PORT.length(), end) : 0;
    int hostEnd = port > 0 ? portAt : end;
    int hostStart = Math.max(start, m.lastIndexOf((byte) ' ', hostEnd) + 1);
    Source s = Source.read(m, hostStart, hostEnd);
    if (s == null) {
      return null;
    }
    String user = null;
    if (hostStart > start) {
      Needle words = m.matchesAt(start, AUTHENTICATING_USER) ? AUTHENTICATING_USER
          : m.matchesAt(start, INVALID_USER) ? INVALID_USER : null;
      if (words == null || start + words.length() > hostStart - 1) {
        return null;
      }
      user = m.text(start + words.length(), hostStart - 1);
    }
    return new Finding(Finding.Role.SESSION_END, SshdFamilies.PREAUTH_DISCONNECT).client(s, port).user(user).preauth(preauth);
  }

  /**
   * {@code Received disconnect from ADDR[ port P]:[ ]CODE: TEXT}: the client ends the session. Code 3
   * with {@code Auth fail} is the client's own report of a failed login; code 11 ("by application")
   * is a client quitting as clients do, and reports only a failure that waits for its client; other
   * codes count before authentication. The text is the client's, so the address is read right after
   * the fixed words.
   */
  static Finding receivedDisconnect(Message m, int pos, int end, boolean preauth) {
    if (!m.matchesAt(pos, RECEIVED_DISCONNECT)) {
      return null;
    }
    int at = pos + RECEIVED_DISCONNECT.length();
    int run = Math.min(m.addressEnd(at), end);
    int port = 0;
    int after;
    int hostEnd;
    if (run < end && m.matchesAt(run, PORT)) {
      hostEnd = run;
      after = Math.min(m.digitsEnd(run + PORT.length()), end);
      port = m.port(run + PORT.length(), after);
    } else {
      hostEnd = run > at && m.byteAt(run - 1) == ':' ? run - 1 : run;
      after = hostEnd;
    }
    Source s = Source.read(m, at, hostEnd);
    if (s == null || after >= end || m.byteAt(after) != ':') {
      return null;
    }
    int code = after + 1 < end && m.byteAt(after + 1) == ' ' ? after + 2 : after + 1;
    boolean authFail = m.digitsEnd(code) == code + 1 && m.byteAt(code) == '3'
        && m.matchesAt(end - AUTH_FAIL.length(), AUTH_FAIL);
    if (authFail) {
      return new Finding(Finding.Role.SESSION_END, SshdFamilies.CLIENT_AUTH_FAIL).client(s, port).preauth(true);
    }
    boolean byApplication = m.digitsEnd(code) == code + 2 && m.byteAt(code) == '1' && m.byteAt(code + 1) == '1';
    return new Finding(Finding.Role.SESSION_END, SshdFamilies.PREAUTH_DISCONNECT).client(s, port)
        .preauth(preauth && !byApplication);
  }

  /** {@code fatal: Read from socket failed: Connection reset by peer}: no client on the line. */
  static Finding readReset(Message m, int pos) {
    return m.matchesAt(pos, READ_RESET) ? new Finding(Finding.Role.HOSTLESS, SshdFamilies.PREAUTH_DISCONNECT) : null;
  }

  /** {@code SSH: Server;Ltype: Version;Remote: ADDR-PORT;...} (a patched sshd's connection log). */
  static Finding serverLtype(Message m, int pos, int end) {
    if (!m.matchesAt(pos, LTYPE)) {
      return null;
    }
    int remote = m.indexOf(REMOTE, pos + LTYPE.length());
    if (remote < 0 || remote >= end) {
      return null;
    }
    int at = remote + REMOTE.length();
    int dash = m.indexOf((byte) '-', at);
    if (dash < 0 || dash >= end) {
      return null;
    }
    Source s = Source.read(m, at, dash);
    int portEnd = Math.min(m.digitsEnd(dash + 1), end);
    return s == null ? null : new Finding(Finding.Role.LEARN, null).client(s, m.port(dash + 1, portEnd));
  }

  /** {@code Did not receive identification string from ADDR[ port P]}. */
  static Finding noIdentification(Message m, int pos, int end) {
    return m.matchesAt(pos, NO_IDENT)
        ? clientAt(Finding.Role.ATTACK, SshdFamilies.NO_IDENTIFICATION, m, pos + NO_IDENT.length(), end) : null;
  }

  /** {@code Bad protocol version identification 'TEXT' from ADDR[ port P]}: TEXT is the client's, so from the end. */
  static Finding badVersion(Message m, int pos, int end) {
    return m.matchesAt(pos, BAD_VERSION)
        ? fromAtEnd(SshdFamilies.BAD_BANNER, m, pos + BAD_VERSION.length(), end) : null;
  }

  /** {@code kex_exchange_identification: ...}: a client that sent no SSH banner; no client on the line. */
  static Finding kexIdentification(Message m, int pos) {
    return m.matchesAt(pos, KEX_IDENT) ? new Finding(Finding.Role.HOSTLESS, SshdFamilies.BAD_BANNER) : null;
  }

  /** {@code banner exchange: Connection from ADDR port P: invalid format}. */
  static Finding bannerExchange(Message m, int pos, int end) {
    return m.matchesAt(pos, BANNER)
        ? clientAt(Finding.Role.ATTACK, SshdFamilies.BAD_BANNER, m, pos + BANNER.length(), end) : null;
  }

  /**
   * {@code Unable to negotiate with ADDR port P: no matching ... found}; without a client,
   * {@code Unable to negotiate a key exchange method} and the older {@code no matching mac found}.
   */
  static Finding negotiation(Message m, int pos, int end) {
    if (m.matchesAt(pos, NEGOTIATE_WITH)) {
      return clientAt(Finding.Role.ATTACK, SshdFamilies.KEX_FAILED, m, pos + NEGOTIATE_WITH.length(), end);
    }
    return m.matchesAt(pos, NEGOTIATE_A) || m.matchesAt(pos, NO_MATCHING)
        ? new Finding(Finding.Role.HOSTLESS, SshdFamilies.KEX_FAILED) : null;
  }

  /**
   * {@code ssh_dispatch_run_fatal: Connection from [invalid user X ]ADDR port P: REASON}: the client
   * is the last {@code ADDR port P:} (REASON is sshd's own text).
   */
  static Finding dispatchFatal(Message m, int pos, int end) {
    if (!m.matchesAt(pos, DISPATCH)) {
      return null;
    }
    int start = pos + DISPATCH.length();
    Finding direct = clientAt(Finding.Role.ATTACK, SshdFamilies.CORRUPT_PACKET, m, start, end);
    if (direct != null && direct.port > 0) {
      return direct;
    }
    for (int p = m.lastIndexOf(PORT, end); p > start; p = m.lastIndexOf(PORT, p)) {
      int digitsEnd = m.digitsEnd(p + PORT.length());
      if (digitsEnd < end && m.byteAt(digitsEnd) == ':' && digitsEnd > p + PORT.length()) {
        int hostStart = m.lastIndexOf((byte) ' ', p) + 1;
        Source s = hostStart > start ? Source.read(m, hostStart, p) : null;
        return s == null ? null : new Finding(Finding.Role.ATTACK, SshdFamilies.CORRUPT_PACKET)
            .client(s, m.port(p + PORT.length(), digitsEnd));
      }
    }
    return null;
  }

  /** {@code Magic value check failed (N) on obfuscated handshake from ADDR port P}. */
  static Finding magicValue(Message m, int pos, int end) {
    return m.matchesAt(pos, MAGIC) ? fromAtEnd(SshdFamilies.CORRUPT_PACKET, m, pos + MAGIC.length(), end) : null;
  }

  /** {@code Timeout before authentication for [connection from ]ADDR[ port P| to ADDR, pid = N]}. */
  static Finding timeout(Message m, int pos, int end) {
    if (!m.matchesAt(pos, TIMEOUT)) {
      return null;
    }
    int at = pos + TIMEOUT.length();
    at += m.matchesAt(at, CONNECTION_FROM_WORDS) ? CONNECTION_FROM_WORDS.length() : 0;
    return clientAt(Finding.Role.ATTACK, SshdFamilies.LOGIN_TIMEOUT, m, at, end);
  }

  /** {@code drop connection #N from [ADDR]:P on [ADDR]:P penalty: REASON} (OpenSSH 9.8). */
  static Finding penalty(Message m, int pos, int end) {
    if (!m.matchesAt(pos, DROP)) {
      return null;
    }
    int from = m.indexOf(FROM_BRACKET, pos + DROP.length());
    if (from < 0 || from >= end) {
      return null;
    }
    int hostStart = from + FROM_BRACKET.length();
    int close = m.indexOf((byte) ']', hostStart);
    if (close < 0 || close + 1 >= end || m.byteAt(close + 1) != ':') {
      return null;
    }
    Source s = Source.read(m, hostStart, close);
    int portEnd = Math.min(m.digitsEnd(close + 2), end);
    if (s == null || s.address() == null || !m.matchesAt(portEnd, ON_BRACKET) || m.indexOf(PENALTY, portEnd) < 0) {
      return null;
    }
    Finding f = new Finding(Finding.Role.ATTACK, SshdFamilies.PENALTY).client(s, m.port(close + 2, portEnd));
    int targetStart = portEnd + ON_BRACKET.length();
    int targetClose = m.indexOf((byte) ']', targetStart);
    if (targetClose > 0 && targetClose + 1 < end && m.byteAt(targetClose + 1) == ':') {
      IpAddress target = m.address(targetStart, targetClose);
      f.target = target;
      f.targetPort = target == null ? 0 : m.port(targetClose + 2, Math.min(m.digitsEnd(targetClose + 2), end));
    }
    return f;
  }

  /** TCP wrappers: {@code refused connect from NAME (ADDR)}; NAME may hold the client's ident reply. */
  static Finding refusedConnect(Message m, int pos, int end) {
    if (!m.matchesAt(pos, REFUSED_CONNECT) || m.byteAt(end - 1) != ')') {
      return null;
    }
    int open = m.lastIndexOf((byte) '(', end);
    if (open < pos + REFUSED_CONNECT.length() || m.byteAt(open - 1) != ' ') {
      return null;
    }
    Source s = Source.read(m, open + 1, end - 1);
    return s == null ? null : new Finding(Finding.Role.ATTACK, SshdFamilies.REFUSED_CONNECT).client(s, 0);
  }

  /** {@code ... from ADDR[ port P]} ending the message, where the text before is the client's. */
  private static Finding fromAtEnd(Family family, Message m, int start, int end) {
    int portAt = m.lastIndexOf(PORT, end);
    int port = portAt >= start ? m.port(portAt + PORT.length(), end) : 0;
    int hostEnd = port > 0 ? portAt : end;
    int from = m.lastIndexOf(FROM, hostEnd);
    if (from < start - 1 || AuthLogTail.tokenEnd(m, from + FROM.length(), hostEnd) != hostEnd) {
      return null;
    }
    Source s = Source.read(m, from + FROM.length(), hostEnd);
    return s == null ? null : new Finding(Finding.Role.ATTACK, family).client(s, port);
  }
}
