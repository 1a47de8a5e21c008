package org.abuseloop.logs.ssh;

import org.abuseloop.core.Family;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Reads sshd's authentication lines (failed and accepted methods, invalid and refused users, PAM
 * errors, too many attempts) into a {@link Finding}. Each takes the client from the tail sshd writes
 * after the user name ({@link AuthLogTail}), never from the name. Stateless and thread-safe.
 */
final class AuthLines {

  private static final Needle FAILED = Needle.of("Failed ");
  private static final Needle ACCEPTED = Needle.of("Accepted ");
  private static final Needle FOR = Needle.of(" for ");
  private static final Needle INVALID_USER_WORDS = Needle.of("invalid user ");
  private static final Needle ILLEGAL_USER_WORDS = Needle.of("illegal user ");
  private static final Needle INVALID_USER = Needle.of("Invalid user ");
  private static final Needle ILLEGAL_USER = Needle.of("Illegal user ");
  private static final Needle NOT_KNOWN = Needle.of("User not known to the underlying authentication module for ");
  private static final Needle UNKNOWN_USER_FOR = Needle.of("unknown user for ");
  private static final Needle USER = Needle.of("User ");
  private static final Needle NOT_ALLOWED = Needle.of(" not allowed because ");
  private static final Needle FROM = Needle.of(" from ");
  private static final Needle ROOT_REFUSED = Needle.of("ROOT LOGIN REFUSED FROM ");
  private static final Needle[] PAM_ERRORS = {
    Needle.of("Authentication failure for "), Needle.of("authentication failure for "),
    Needle.of("Authentication error for "), Needle.of("authentication error for "),
    Needle.of("Authentication failed for "), Needle.of("authentication failed for "),
  };
  private static final Needle VIA = Needle.of(" via ");
  private static final Needle MAX_ATTEMPTS = Needle.of("maximum authentication attempts exceeded for ");
  private static final Needle TOO_MANY = Needle.of("Disconnecting: Too many authentication failures");
  private static final Needle DISCONNECTING = Needle.of("Disconnecting ");
  private static final Needle CHANGE_OF_USER = Needle.of(": Change of username or service not allowed: (");
  private static final Needle AUTHENTICATING_USER_WORDS = Needle.of("authenticating user ");
  private static final Needle PORT = Needle.of(" port ");
  private static final Needle PASSWORD = Needle.of("password ");
  private static final Needle PUBLICKEY = Needle.of("publickey ");
  private static final Needle KEYBOARD = Needle.of("keyboard-interactive");
  private static final Needle NONE = Needle.of("none ");

  private AuthLines() {}

  /** {@code Failed METHOD for [invalid user ]X from ADDR port P ssh2[: INFO]}. */
  static Finding failed(Message m, int pos, int end) {
    return method(m, pos + FAILED.length(), end, true);
  }

  /** {@code Accepted METHOD for X from ADDR port P ssh2[: INFO]}. */
  static Finding accepted(Message m, int pos, int end) {
    return method(m, pos + ACCEPTED.length(), end, false);
  }

  static boolean isFailed(Message m, int pos) {
    return m.matchesAt(pos, FAILED);
  }

  static boolean isAccepted(Message m, int pos) {
    return m.matchesAt(pos, ACCEPTED);
  }

  private static Finding method(Message m, int method, int end, boolean failed) {
    int methodEnd = AuthLogTail.tokenEnd(m, method, end);
    if (methodEnd == method || !m.matchesAt(methodEnd, FOR)) {
      return null;
    }
    int userStart = methodEnd + FOR.length();
    boolean invalid = m.matchesAt(userStart, INVALID_USER_WORDS);
    userStart += invalid ? INVALID_USER_WORDS.length() : 0;
    AuthLogTail tail = AuthLogTail.find(m, userStart, end);
    if (tail == null) {
      return null;
    }
    Finding f;
    if (!failed) {
      f = new Finding(Finding.Role.LOGIN, null);
    } else if (!invalid && (m.matchesAt(method, PUBLICKEY) || m.matchesAt(method, NONE))) {
      // A valid user's client offers several keys (and "none") before the right one: routine.
      f = new Finding(Finding.Role.LEARN, null);
    } else {
      f = new Finding(Finding.Role.ATTACK, failureFamily(m, method));
    }
    return f.client(tail.source, tail.port).user(m.text(userStart, tail.userEnd));
  }

  private static Family failureFamily(Message m, int method) {
    if (m.matchesAt(method, PASSWORD)) {
      return SshdFamilies.FAILED_PASSWORD;
    }
    if (m.matchesAt(method, PUBLICKEY)) {
      return SshdFamilies.FAILED_PUBLICKEY;
    }
    if (m.matchesAt(method, KEYBOARD)) {
      return SshdFamilies.FAILED_KEYBOARD_INTERACTIVE;
    }
    return SshdFamilies.FAILED_OTHER;
  }

  /** {@code Invalid user X from ADDR[ port P]}, {@code Illegal user X from ADDR}. */
  static Finding invalidUser(Message m, int pos, int end) {
    if (!m.matchesAt(pos, INVALID_USER) && !m.matchesAt(pos, ILLEGAL_USER)) {
      return null;
    }
    return unknownUser(m, pos + INVALID_USER.length(), end);
  }

  /** PAM's {@code User not known to the underlying authentication module for illegal user X from ADDR}. */
  static Finding userNotKnown(Message m, int pos, int end) {
    Needle lead = m.matchesAt(pos, NOT_KNOWN) ? NOT_KNOWN : m.matchesAt(pos, UNKNOWN_USER_FOR) ? UNKNOWN_USER_FOR : null;
    if (lead == null) {
      return null;
    }
    int userStart = pos + lead.length();
    if (m.matchesAt(userStart, ILLEGAL_USER_WORDS) || m.matchesAt(userStart, INVALID_USER_WORDS)) {
      userStart += ILLEGAL_USER_WORDS.length();
    }
    return unknownUser(m, userStart, end);
  }

  private static Finding unknownUser(Message m, int userStart, int end) {
    AuthLogTail tail = AuthLogTail.find(m, userStart, end);
    return tail == null ? null : new Finding(Finding.Role.ATTACK, SshdFamilies.INVALID_USER)
        .client(tail.source, tail.port).user(m.text(userStart, tail.userEnd));
  }

  /**
   * {@code User X from ADDR not allowed because REASON}; without {@code from ADDR} (a locked account,
   * a missing shell) the client comes from the connection. sshd writes the reason last and only
   * reasons of its own, and X is an existing account, so the last {@code not allowed because} is
   * sshd's.
   */
  static Finding notAllowed(Message m, int pos, int end) {
    if (!m.matchesAt(pos, USER)) {
      return null;
    }
    int userStart = pos + USER.length();
    int because = m.lastIndexOf(NOT_ALLOWED, end);
    if (because < userStart) {
      return null;
    }
    int from = m.lastIndexOf(FROM, because);
    if (from >= userStart && AuthLogTail.tokenEnd(m, from + FROM.length(), because) == because) {
      Source s = Source.read(m, from + FROM.length(), because);
      if (s != null) {
        return new Finding(Finding.Role.ATTACK, SshdFamilies.NOT_ALLOWED).client(s, 0).user(m.text(userStart, from));
      }
    }
    return new Finding(Finding.Role.HOSTLESS, SshdFamilies.NOT_ALLOWED).user(m.text(userStart, because));
  }

  /** {@code ROOT LOGIN REFUSED FROM ADDR[ port P]}. */
  static Finding rootRefused(Message m, int pos, int end) {
    if (!m.matchesAt(pos, ROOT_REFUSED)) {
      return null;
    }
    Finding f = ConnectionLines.clientAt(Finding.Role.ATTACK, SshdFamilies.ROOT_REFUSED, m, pos + ROOT_REFUSED.length(), end);
    return f == null ? null : f.user("root");
  }

  /** {@code [error: PAM: ]Authentication failure for X from HOST[ via ADDR]} (and "error", "failed"). */
  static Finding pamError(Message m, int pos, int end) {
    for (Needle lead : PAM_ERRORS) {
      if (m.matchesAt(pos, lead)) {
        int userStart = pos + lead.length();
        int via = m.lastIndexOf(VIA, end);
        int tailEnd = via > userStart && AuthLogTail.tokenEnd(m, via + VIA.length(), end) == end ? via : end;
        AuthLogTail tail = AuthLogTail.find(m, userStart, tailEnd);
        return tail == null ? null : new Finding(Finding.Role.ATTACK, SshdFamilies.PAM_FAILURE)
            .client(tail.source, tail.port).user(m.text(userStart, tail.userEnd));
      }
    }
    return null;
  }

  /** {@code maximum authentication attempts exceeded for [invalid user ]X from ADDR port P ssh2}. */
  static Finding maxAttempts(Message m, int pos, int end) {
    if (!m.matchesAt(pos, MAX_ATTEMPTS)) {
      return null;
    }
    int userStart = pos + MAX_ATTEMPTS.length();
    userStart += m.matchesAt(userStart, INVALID_USER_WORDS) ? INVALID_USER_WORDS.length() : 0;
    AuthLogTail tail = AuthLogTail.find(m, userStart, end);
    return tail == null ? null : new Finding(Finding.Role.ATTACK, SshdFamilies.MAX_ATTEMPTS)
        .client(tail.source, tail.port).user(m.text(userStart, tail.userEnd));
  }

  /**
   * {@code Disconnecting: Too many authentication failures[ for X]} (older sshd, no client on the
   * line), and {@code Disconnecting invalid user X ADDR port P: Change of username or service not
   * allowed: (X,svc) -> (Y,svc)}. Newer sshd's {@code Disconnecting ... : Too many authentication
   * failures} repeats the {@code maximum authentication attempts} line before it and gives nothing.
   */
  static Finding disconnecting(Message m, int pos, int end) {
    if (m.matchesAt(pos, TOO_MANY)) {
      int forAt = pos + TOO_MANY.length();
      String user = m.matchesAt(forAt, FOR) ? m.text(forAt + FOR.length(), end) : null;
      return new Finding(Finding.Role.HOSTLESS, SshdFamilies.MAX_ATTEMPTS).user(user);
    }
    return m.matchesAt(pos, DISCONNECTING) ? changeOfUser(m, pos + DISCONNECTING.length(), end) : null;
  }

  /**
   * Both user names of a change of user are the client's, one before the address and two after, so
   * the address is trusted only where the text before it ({@code invalid user X}) is repeated as
   * {@code (X,} after the fixed words, and only when exactly one place fits.
   */
  private static Finding changeOfUser(Message m, int pos, int end) {
    Needle words = m.matchesAt(pos, INVALID_USER_WORDS) ? INVALID_USER_WORDS
        : m.matchesAt(pos, AUTHENTICATING_USER_WORDS) ? AUTHENTICATING_USER_WORDS : null;
    int userStart = words == null ? pos : pos + words.length();
    Finding chosen = null;
    for (int k = m.indexOf(CHANGE_OF_USER, pos); k >= 0 && k < end; k = m.indexOf(CHANGE_OF_USER, k + 1)) {
      Finding f = changeOfUserAt(m, pos, userStart, words != null, k, end);
      if (f != null) {
        if (chosen != null) {
          return null;
        }
        chosen = f;
      }
    }
    return chosen;
  }

  private static Finding changeOfUserAt(Message m, int pos, int userStart, boolean named, int k, int end) {
    int digits = k;
    while (digits > pos && k - digits < 5 && m.byteAt(digits - 1) >= '0' && m.byteAt(digits - 1) <= '9') {
      digits--;
    }
    int portAt = digits - PORT.length();
    if (digits == k || portAt < pos || !m.matchesAt(portAt, PORT)) {
      return null;
    }
    int port = m.port(portAt + PORT.length(), k);
    int hostStart = m.lastIndexOf((byte) ' ', portAt) + 1;
    hostStart = Math.max(hostStart, pos);
    Source s = Source.read(m, hostStart, portAt);
    if (s == null || port == 0) {
      return null;
    }
    int userEnd = hostStart - 1;
    if (named) {
      int repeat = k + CHANGE_OF_USER.length();
      int len = userEnd - userStart;
      if (len < 0 || repeat + len >= end || !sameText(m, userStart, repeat, len) || m.byteAt(repeat + len) != ',') {
        return null;
      }
    } else if (hostStart != pos) {
      return null;
    }
    return new Finding(Finding.Role.ATTACK, SshdFamilies.CHANGE_OF_USER).client(s, port)
        .user(named ? m.text(userStart, userEnd) : null);
  }

  private static boolean sameText(Message m, int a, int b, int len) {
    for (int i = 0; i < len; i++) {
      if (m.byteAt(a + i) != m.byteAt(b + i)) {
        return false;
      }
    }
    return true;
  }
}
