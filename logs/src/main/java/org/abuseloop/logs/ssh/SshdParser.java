package org.abuseloop.logs.ssh;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads OpenSSH's sshd messages (syslog or journal, as sshd, sshd-session or sshd-auth): failed and
 * refused logins, unknown users, PAM failures, and the pre-authentication noise of scanners. The
 * instance in the catalog reads each line on its own and is stateless and thread-safe; the one
 * {@link #forSource()} gives follows each connection by process id (see {@link SshConnections}) and
 * belongs to one source.
 */
public final class SshdParser implements ServiceParser {

  /** Connections one source remembers at most; sshd's MaxStartups allows far fewer at once. */
  static final int REMEMBERED_CONNECTIONS = 4096;

  private static final Needle PREAUTH = Needle.of(" [preauth]");
  private static final Needle REPEATED = Needle.of("message repeated ");
  private static final Needle REPEATED_OPEN = Needle.of(": [ ");
  private static final Needle ERROR = Needle.of("error: ");
  private static final Needle FATAL = Needle.of("fatal: ");
  private static final Needle PAM = Needle.of("PAM: ");
  private static final Needle SOLARIS_ID = Needle.of("[ID ");
  private static final Needle KERNEL = Needle.of("kernel:");

  private final SshConnections connections;

  public SshdParser() {
    this(new SshConnections(0));
  }

  private SshdParser(SshConnections connections) {
    this.connections = connections;
  }

  @Override
  public Service service() {
    return Service.SSHD;
  }

  @Override
  public List<Family> families() {
    return SshdFamilies.ALL;
  }

  @Override
  public ServiceParser forSource() {
    return new SshdParser(new SshConnections(REMEMBERED_CONNECTIONS));
  }

  @Override
  public Event parse(Message m) {
    int end = trimEnd(m, m.start(), m.end());
    int pos = m.start();
    if (startsWithByte(m, pos, 'm') && m.matchesAt(pos, REPEATED)) {
      int open = m.indexOf(REPEATED_OPEN, pos);
      if (open < 0 || m.byteAt(end - 1) != ']') {
        return null;
      }
      pos = open + REPEATED_OPEN.length();
      end = trimEnd(m, pos, end - 1);
    }
    pos = skipPrefixes(m, pos, end);
    boolean preauth = end - pos >= PREAUTH.length() && m.byteAt(end - 1) == ']' && m.matchesAt(end - PREAUTH.length(), PREAUTH);
    if (preauth) {
      end = trimEnd(m, pos, end - PREAUTH.length());
    }
    if (pos >= end) {
      return null;
    }
    Finding f = read(m, pos, end, preauth);
    return f == null ? null : connections.apply(m, f);
  }

  /**
   * What the message in {@code [pos, end)} says, chosen by its first byte, or null. Where several
   * readers share a first byte they are tried in turn until one reads the line (each is a pure
   * function of the message).
   */
  private static Finding read(Message m, int pos, int end, boolean preauth) {
    Finding f;
    switch (m.byteAt(pos)) {
      case 'A':
        return AuthLines.isAccepted(m, pos) ? AuthLines.accepted(m, pos, end) : AuthLines.pamError(m, pos, end);
      case 'a':
        return AuthLines.pamError(m, pos, end);
      case 'B':
        return ConnectionLines.badVersion(m, pos, end);
      case 'C':
        f = ConnectionLines.sessionEnd(m, pos, end, preauth);
        return f != null ? f : ConnectionLines.connectionFrom(m, pos, end);
      case 'D':
        f = ConnectionLines.sessionEnd(m, pos, end, preauth);
        f = f != null ? f : ConnectionLines.noIdentification(m, pos, end);
        return f != null ? f : AuthLines.disconnecting(m, pos, end);
      case 'F':
        return AuthLines.isFailed(m, pos) ? AuthLines.failed(m, pos, end) : null;
      case 'I':
        return AuthLines.invalidUser(m, pos, end);
      case 'M':
        return ConnectionLines.magicValue(m, pos, end);
      case 'R':
        f = AuthLines.rootRefused(m, pos, end);
        f = f != null ? f : ConnectionLines.receivedDisconnect(m, pos, end, preauth);
        return f != null ? f : ConnectionLines.readReset(m, pos);
      case 'S':
        return ConnectionLines.serverLtype(m, pos, end);
      case 'T':
        return ConnectionLines.timeout(m, pos, end);
      case 'U':
        f = AuthLines.userNotKnown(m, pos, end);
        f = f != null ? f : ConnectionLines.negotiation(m, pos, end);
        return f != null ? f : AuthLines.notAllowed(m, pos, end);
      case 'b':
        return ConnectionLines.bannerExchange(m, pos, end);
      case 'd':
        return ConnectionLines.penalty(m, pos, end);
      case 'k':
        return ConnectionLines.kexIdentification(m, pos);
      case 'm':
        return AuthLines.maxAttempts(m, pos, end);
      case 'n':
        return ConnectionLines.negotiation(m, pos, end);
      case 'p':
        return PamFailureLine.read(m, pos, end);
      case 'r':
        return ConnectionLines.refusedConnect(m, pos, end);
      case 's':
        return ConnectionLines.dispatchFatal(m, pos, end);
      case 'u':
        return AuthLines.userNotKnown(m, pos, end);
      default:
        return null;
    }
  }

  /**
   * Skips what stands before sshd's own words: Solaris' {@code [ID 800047 auth.info] }, a kernel
   * time stamp some journals copy in ({@code kernel:[  970.69]: }), and {@code error: }, {@code fatal: }
   * and {@code PAM: }.
   */
  private static int skipPrefixes(Message m, int pos, int end) {
    // Each needle is tried only where the message holds its first byte: most lines have none of them.
    if (startsWithByte(m, pos, '[') && m.matchesAt(pos, SOLARIS_ID)) {
      int close = m.indexOf((byte) ']', pos);
      pos = close > 0 && close + 1 < end && m.byteAt(close + 1) == ' ' ? close + 2 : pos;
    }
    if (startsWithByte(m, pos, 'k') && m.matchesAt(pos, KERNEL)) {
      pos = skipKernelStamp(m, pos + KERNEL.length(), end);
    }
    if ((startsWithByte(m, pos, 'e') && m.matchesAt(pos, ERROR)) || (startsWithByte(m, pos, 'f') && m.matchesAt(pos, FATAL))) {
      pos += ERROR.length();
      pos += m.matchesAt(pos, PAM) ? PAM.length() : 0;
    }
    return startsWithByte(m, pos, 'P') && m.matchesAt(pos, PAM) ? pos + PAM.length() : pos;
  }

  /** True when the message holds byte {@code c} at {@code pos}. */
  private static boolean startsWithByte(Message m, int pos, char c) {
    return pos < m.end() && m.byteAt(pos) == c;
  }

  /** After {@code kernel:}: {@code [ stamp]: } or {@code  [ stamp] }; returns the index after it. */
  private static int skipKernelStamp(Message m, int pos, int end) {
    int i = pos < end && m.byteAt(pos) == ' ' ? pos + 1 : pos;
    if (i >= end || m.byteAt(i) != '[') {
      return pos;
    }
    int close = m.indexOf((byte) ']', i);
    if (close < 0 || close + 1 >= end) {
      return pos;
    }
    int j = m.byteAt(close + 1) == ':' ? close + 2 : close + 1;
    return j < end && m.byteAt(j) == ' ' ? j + 1 : pos;
  }

  /** {@code end} moved back over spaces, tabs and carriage returns, no further than {@code start}. */
  static int trimEnd(Message m, int start, int end) {
    int e = end;
    while (e > start && (m.byteAt(e - 1) == ' ' || m.byteAt(e - 1) == '\t' || m.byteAt(e - 1) == '\r')) {
      e--;
    }
    return e;
  }
}
