package org.abuseloop.logs.ssh;

import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Finds the client in the tail sshd writes after a user name the client chose:
 * {@code USER from ADDR[ port P][ sshN][: INFO]}. Immutable; the finder itself is stateless and
 * thread-safe.
 *
 * <p>The user name may itself hold {@code " from 203.0.113.9 port 22 ssh2"}, so the first
 * {@code from} proves nothing. sshd writes INFO only for key-based methods ({@code RSA SHA256:...},
 * for hostbased followed by {@code , client user "..."}) and, in SSH 1, as {@code ruser NAME}. So the
 * client is, in order: the last full {@code from ADDR port P sshN} that ends the message (nothing the
 * client wrote can follow it); else the one followed by exactly a key type and a fingerprint; else the
 * one followed by hostbased or {@code ruser} info, when every such reading names the same client;
 * else the last bare {@code from ADDR[ port P]} that ends the message (old sshd).
 */
final class AuthLogTail {

  private static final Needle FROM = Needle.of(" from ");
  private static final Needle PORT = Needle.of(" port ");
  private static final Needle SSH = Needle.of(" ssh");
  private static final Needle INFO = Needle.of(": ");
  private static final Needle RUSER = Needle.of("ruser ");
  private static final Needle CLIENT_USER = Needle.of(", client user \"");

  /** Index of the {@code " from "} that ends the user name. */
  final int userEnd;
  final Source source;
  final int port;

  private AuthLogTail(int userEnd, Source source, int port) {
    this.userEnd = userEnd;
    this.source = source;
    this.port = port;
  }

  /** The client in {@code [from, end)} where the user name starts at {@code from}, or null. */
  static AuthLogTail find(Message m, int from, int end) {
    AuthLogTail usual = fromTheEnd(m, from, end);
    return usual != null ? usual : everyCandidate(m, from, end);
  }

  /**
   * The usual line read from its end, giving what {@link #everyCandidate} gives, or null to leave the
   * line to it: a message that ends with {@code " from ADDR port P sshN"} (the first choice, and only
   * one place can end the message so), or with {@code " from ADDR port P"} and holds no {@code ": "}
   * (then no candidate has info after it, and the one that ends the message is the last bare one).
   */
  private static AuthLogTail fromTheEnd(Message m, int from, int end) {
    int e = end;
    int sshAt = end - 1 > from && isDigit(m.byteAt(end - 1)) ? end - 5 : end - 4;
    boolean ssh = sshAt > from && m.matchesAt(sshAt, SSH);
    if (ssh) {
      e = sshAt;
    } else {
      int info = m.indexOf(INFO, from);
      if (info >= 0 && info < end) {
        return null;
      }
    }
    int digits = e;
    while (digits > from && isDigit(m.byteAt(digits - 1))) {
      digits--;
    }
    int portAt = digits - PORT.length();
    if (digits == e || portAt < from || !m.matchesAt(portAt, PORT)) {
      return null;
    }
    int port = m.port(digits, e);
    int hostStart = m.lastIndexOf((byte) ' ', portAt) + 1;
    int c = hostStart - FROM.length();
    if (port == 0 || hostStart >= portAt || c < from || !m.matchesAt(c, FROM)) {
      return null;
    }
    Source s = Source.read(m, hostStart, portAt);
    return s == null ? null : new AuthLogTail(c, s, port);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Every {@code " from "} in turn, as the class comment orders them (package-private for a test). */
  static AuthLogTail everyCandidate(Message m, int from, int end) {
    AuthLogTail fullAtEnd = null;
    AuthLogTail bareAtEnd = null;
    AuthLogTail keyInfo = null;
    Choice hostbased = new Choice();
    Choice ruser = new Choice();
    for (int c = m.indexOf(FROM, from); c >= 0 && c + FROM.length() <= end; c = m.indexOf(FROM, c + 1)) {
      int hostStart = c + FROM.length();
      int hostEnd = tokenEnd(m, hostStart, end);
      Source s = Source.read(m, hostStart, hostEnd);
      if (s == null) {
        continue;
      }
      int r = hostEnd;
      int port = 0;
      if (r + PORT.length() < end && m.matchesAt(r, PORT)) {
        int digitsEnd = Math.min(m.digitsEnd(r + PORT.length()), end);
        port = m.port(r + PORT.length(), digitsEnd);
        r = port > 0 ? digitsEnd : r;
      }
      boolean ssh = false;
      if (port > 0 && r + SSH.length() <= end && m.matchesAt(r, SSH)) {
        r += SSH.length();
        r = r < end && m.byteAt(r) >= '0' && m.byteAt(r) <= '9' ? r + 1 : r;
        ssh = true;
      }
      AuthLogTail t = new AuthLogTail(c, s, port);
      if (r == end) {
        bareAtEnd = t;
        fullAtEnd = ssh ? t : fullAtEnd;
      } else if (r + INFO.length() < end && m.matchesAt(r, INFO)) {
        int info = r + INFO.length();
        if (isKeyInfo(m, info, end)) {
          keyInfo = t;
        } else if (isHostbasedInfo(m, info, end)) {
          hostbased.offer(t);
        } else if (m.matchesAt(info, RUSER)) {
          ruser.offer(t);
        }
      }
    }
    return first(fullAtEnd, keyInfo, hostbased.chosen(), ruser.chosen(), bareAtEnd);
  }

  private static AuthLogTail first(AuthLogTail... inOrder) {
    for (AuthLogTail t : inOrder) {
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  static int tokenEnd(Message m, int from, int end) {
    int i = from;
    while (i < end && m.byteAt(i) != ' ') {
      i++;
    }
    return i;
  }

  /** {@code TYPE FINGERPRINT} up to the end: two tokens, one space. */
  private static boolean isKeyInfo(Message m, int from, int end) {
    int space = tokenEnd(m, from, end);
    return space > from && space < end - 1 && tokenEnd(m, space + 1, end) == end;
  }

  /** {@code TYPE FINGERPRINT, client user "} and then the client's own words. */
  private static boolean isHostbasedInfo(Message m, int from, int end) {
    int space = tokenEnd(m, from, end);
    if (space == from || space >= end - 1) {
      return false;
    }
    int comma = tokenEnd(m, space + 1, end) - 1;
    return comma > space + 1 && m.byteAt(comma) == ',' && m.matchesAt(comma, CLIENT_USER);
  }

  /** The candidates of one kind: the first, unless two of them name different clients. */
  private static final class Choice {
    private AuthLogTail chosen;
    private boolean ambiguous;

    void offer(AuthLogTail t) {
      if (chosen == null) {
        chosen = t;
      } else if (!chosen.source.equals(t.source)) {
        ambiguous = true;
      }
    }

    AuthLogTail chosen() {
      return ambiguous ? null : chosen;
    }
  }
}
