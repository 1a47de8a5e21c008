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
 * Reads Dovecot's login processes ({@code imap-login: Disconnected (auth failed, 1 attempts): user=<X>,
 * method=.., rip=ADDR, lip=ADDR}), its auth processes ({@code pam(user,ADDR): unknown user}, the 2.4
 * prefix {@code auth(user,ADDR,mech)}) and {@code pam_unix(dovecot:auth)}. The user is the client's:
 * the address is the {@code rip=} after it, found from the end; stateless and thread-safe.
 */
public final class DovecotParser implements ServiceParser {

  public static final Family LOGIN_AUTH_FAILED = family("dovecot.login.auth-failed", EventKind.AUTH_FAILURE);
  public static final Family PLAINTEXT_REFUSED = family("dovecot.login.plaintext-refused", EventKind.PROTOCOL_ABUSE);
  public static final Family PROXY_AUTH_FAILED = family("dovecot.login.proxy-auth-failed", EventKind.AUTH_FAILURE);
  public static final Family NO_AUTH = family("dovecot.login.no-auth", EventKind.SCANNER);
  public static final Family UNKNOWN_USER = family("dovecot.auth.unknown-user", EventKind.UNKNOWN_USER);
  public static final Family PASSWORD_MISMATCH = family("dovecot.auth.password-mismatch", EventKind.AUTH_FAILURE);
  public static final Family PAM_FAILURE = family("dovecot.pam.auth-failure", EventKind.AUTH_FAILURE);

  private static final List<Family> FAMILIES = List.of(LOGIN_AUTH_FAILED, PLAINTEXT_REFUSED, PROXY_AUTH_FAILED,
      NO_AUTH, UNKNOWN_USER, PASSWORD_MISMATCH, PAM_FAILURE);

  /** The parenthesised verdicts of a login process, each with its family. */
  private static final Needle[] VERDICTS = {
    Needle.of("(auth failed, "), Needle.of("(tried to use "), Needle.of("(proxy dest auth failed)"),
    Needle.of("(no auth attempts"), Needle.of("(disconnected before auth was ready"),
    Needle.of("(client didn't finish SASL auth"), Needle.of("(disconnected during TLS handshake)"),
  };
  private static final Family[] VERDICT_FAMILIES = {
    LOGIN_AUTH_FAILED, PLAINTEXT_REFUSED, PROXY_AUTH_FAILED, NO_AUTH, NO_AUTH, NO_AUTH, NO_AUTH,
  };
  private static final Needle USER = Needle.of("user=<");
  private static final Needle RIP = Needle.of("rip=");
  private static final Needle LIP = Needle.of(", lip=");
  private static final Needle USER_END = Needle.of(">,");
  private static final Needle PAM_UNIX = Needle.of("pam_unix(dovecot:auth): authentication failure; ");
  private static final Needle RUSER = Needle.of(" ruser=");
  private static final Needle RHOST = Needle.of(" rhost=");
  private static final Needle PAM_USER = Needle.of("  user=");
  private static final Needle[] DRIVERS = {
    Needle.of("pam("), Needle.of("passwd-file("), Needle.of("sql("), Needle.of("ldap("), Needle.of("passwd("),
    Needle.of("shadow("), Needle.of("checkpassword("), Needle.of("bsdauth("), Needle.of("vpopmail("), Needle.of("lua("),
    Needle.of("oauth2("), Needle.of("dict("), Needle.of("static("), Needle.of("imap("),
  };
  private static final Needle CLOSE = Needle.of("): ");
  private static final Needle[] UNKNOWN_REASONS = {Needle.of("unknown user"), Needle.of("User not known")};
  private static final Needle[] MISMATCH_REASONS = {Needle.of("assword mismatch"), Needle.of("pam_authenticate() failed"),
    Needle.of("invalid credentials")};
  private static final Needle AUTH_PREFIX = Needle.of("auth(");
  /** How far into a message the login or auth prefix may end: past it only the user's text stands. */
  private static final int PREFIX_REACH = 256;
  /** How far after the prefix the reason may start ({@code Info: sql: Password mismatch}). */
  private static final int REASON_REACH = 64;

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.DOVECOT, kind);
  }

  @Override
  public Service service() {
    return Service.DOVECOT;
  }

  @Override
  public List<Family> families() {
    return FAMILIES;
  }

  @Override
  public Event parse(Message m) {
    int pam = m.indexOf(PAM_UNIX, m.start());
    if (pam >= 0 && pam < m.start() + PREFIX_REACH) {
      return pamUnix(m, pam + PAM_UNIX.length());
    }
    Event e = login(m);
    if (e == null) {
      e = driver(m);
    }
    return e == null ? authPrefix(m) : e;
  }

  /**
   * A login process line: a verdict in parentheses before {@code user=<X>}, then {@code rip=ADDR}. Only
   * server text stands before the first {@code user=<} or {@code rip=}, so the verdict is looked for
   * there; the client's user name may hold {@code rip=}, so the address is the last {@code rip=}.
   */
  private static Event login(Message m) {
    int userAt = m.indexOf(USER, m.start());
    int firstRip = m.indexOf(RIP, m.start());
    int bound = userAt < 0 ? firstRip : firstRip < 0 ? userAt : Math.min(userAt, firstRip);
    if (bound < 0) {
      return null;
    }
    Family family = verdict(m, bound);
    if (family == null) {
      return null;
    }
    int rip = m.lastIndexOf(RIP);
    if (rip <= 0 || (m.byteAt(rip - 1) != ' ' && m.byteAt(rip - 1) != ',')) {
      return null;
    }
    int from = rip + RIP.length();
    int to = m.addressEnd(from);
    if (to < m.end() && m.byteAt(to) != ',') {
      return null;
    }
    IpAddress address = m.address(from, to);
    if (address == null) {
      return null;
    }
    EventDraft d = m.event(family).source(address).protocol(Protocol.TCP);
    if (m.matchesAt(to, LIP)) {
      int lipEnd = m.addressEnd(to + LIP.length());
      d.target(m.address(to + LIP.length(), lipEnd));
    }
    if (userAt >= 0 && userAt < rip) {
      int userEnd = m.lastIndexOf(USER_END, rip);
      d.user(userEnd > userAt ? m.text(userAt + USER.length(), userEnd) : null);
    }
    return d.build();
  }

  /** The family of the first verdict in parentheses before {@code bound}, or null. */
  private static Family verdict(Message m, int bound) {
    for (int open = m.indexOf((byte) '(', m.start()); open >= 0 && open < bound; open = m.indexOf((byte) '(', open + 1)) {
      for (int v = 0; v < VERDICTS.length; v++) {
        if (m.matchesAt(open, VERDICTS[v])) {
          return VERDICT_FAMILIES[v];
        }
      }
    }
    return null;
  }

  /**
   * {@code pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=X
   * rhost=ADDR[  user=Y]}: the client's name stands on both sides of {@code rhost=}, so the line counts
   * when one {@code rhost=} fits, or when exactly one is followed by {@code user=} equal to {@code ruser=}
   * (dovecot passes the same name as both).
   */
  private static Event pamUnix(Message m, int p) {
    int ruser = m.indexOf(RUSER, p);
    if (ruser < 0) {
      return null;
    }
    int ruserFrom = ruser + RUSER.length();
    int valid = 0;
    int consistent = 0;
    int onlyValid = -1;
    int onlyConsistent = -1;
    for (int at = m.indexOf(RHOST, ruserFrom - 1); at >= 0; at = m.indexOf(RHOST, at + 1)) {
      int from = at + RHOST.length();
      int to = m.indexOf((byte) ' ', from);
      to = to < 0 ? m.end() : to;
      if (m.address(from, to) == null) {
        continue;
      }
      if (to == m.end()) {
        valid++;
        onlyValid = at;
      } else if (m.matchesAt(to, PAM_USER)) {
        valid++;
        onlyValid = at;
        if (sameBytes(m, ruserFrom, at, to + PAM_USER.length(), m.end())) {
          consistent++;
          onlyConsistent = at;
        }
      }
    }
    int chosen = valid == 1 ? onlyValid : consistent == 1 ? onlyConsistent : -1;
    if (chosen < 0) {
      return null;
    }
    int from = chosen + RHOST.length();
    int to = m.indexOf((byte) ' ', from);
    to = to < 0 ? m.end() : to;
    String user = to < m.end() ? m.text(to + PAM_USER.length(), m.end()) : m.text(ruserFrom, chosen);
    return m.event(PAM_FAILURE).source(m.address(from, to)).protocol(Protocol.TCP).user(user.isEmpty() ? null : user).build();
  }

  private static boolean sameBytes(Message m, int aFrom, int aTo, int bFrom, int bTo) {
    if (aTo - aFrom != bTo - bFrom) {
      return false;
    }
    for (int i = 0; i < aTo - aFrom; i++) {
      if (m.byteAt(aFrom + i) != m.byteAt(bFrom + i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An auth process line {@code DRIVER(user,ADDR[,<session>]): reason}. Dovecot accepts only
   * {@code auth_username_chars} in a user name (by default letters, digits and {@code .-_@}), so the
   * first comma after the driver ends the user.
   */
  private static Event driver(Message m) {
    int open = firstDriver(m);
    if (open < 0) {
      return null;
    }
    int comma = m.indexOf((byte) ',', open);
    if (comma < 0 || comma - open > PREFIX_REACH) {
      return null;
    }
    int to = m.addressEnd(comma + 1);
    IpAddress address = m.address(comma + 1, to);
    if (address == null || to >= m.end()) {
      return null;
    }
    int close = to;
    if (m.byteAt(to) == ',') {
      close = m.indexOf((byte) ')', to);
      if (close < 0 || close - to > 64) {
        return null;
      }
    }
    if (!m.matchesAt(close, CLOSE)) {
      return null;
    }
    Family family = reasonFamily(m, close + CLOSE.length());
    return family == null ? null
        : m.event(family).source(address).protocol(Protocol.TCP).user(m.text(open, comma)).build();
  }

  /** Index after the {@code (} of the first auth driver name near the start of the message, or -1. */
  private static int firstDriver(Message m) {
    int best = -1;
    int bestLength = 0;
    for (Needle d : DRIVERS) {
      int at = m.indexOf(d, m.start());
      if (at >= 0 && at < m.start() + PREFIX_REACH && (best < 0 || at < best) && (at == m.start() || m.byteAt(at - 1) == ' ')) {
        best = at;
        bestLength = d.length();
      }
    }
    return best < 0 ? -1 : best + bestLength;
  }

  private static Family reasonFamily(Message m, int from) {
    for (Needle n : UNKNOWN_REASONS) {
      if (near(m, n, from)) {
        return UNKNOWN_USER;
      }
    }
    for (Needle n : MISMATCH_REASONS) {
      if (near(m, n, from)) {
        return PASSWORD_MISMATCH;
      }
    }
    return null;
  }

  /** True when {@code n} starts within {@link #REASON_REACH} bytes of {@code from}. */
  private static boolean near(Message m, Needle n, int from) {
    int at = m.indexOf(n, from);
    return at >= 0 && at < from + REASON_REACH;
  }

  /**
   * Dovecot 2.4 puts the request in the log prefix, which a syslog reader takes for the program:
   * {@code auth(user,ADDR,mech)<session>: Info: sql: Password mismatch}. The mechanism and session
   * are the server's, so the address is the second field from the right.
   */
  private static Event authPrefix(Message m) {
    String program = m.program();
    if (!program.startsWith("auth(")) {
      return null;
    }
    int close = program.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    String inside = program.substring(AUTH_PREFIX.length(), close);
    int last = inside.lastIndexOf(',');
    int before = last < 0 ? -1 : inside.lastIndexOf(',', last - 1);
    if (before < 0) {
      return null;
    }
    IpAddress address = IpAddress.parse(inside.substring(before + 1, last));
    Family family = address == null ? null : reasonFamily(m, m.start());
    return family == null ? null
        : m.event(family).source(address).protocol(Protocol.TCP).user(sanitized(inside.substring(0, before))).build();
  }

  private static String sanitized(String user) {
    StringBuilder sb = new StringBuilder(Math.min(user.length(), 256));
    for (int i = 0; i < user.length() && i < 256; i++) {
      char c = user.charAt(i);
      sb.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return sb.toString();
  }
}
