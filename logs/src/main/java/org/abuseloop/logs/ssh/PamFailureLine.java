package org.abuseloop.logs.ssh;

import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Reads a PAM module's failure as sshd logs it:
 * {@code pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=X rhost=ADDR  user=X}.
 * Stateless and thread-safe.
 *
 * <p>sshd passes the client's chosen user name as both PAM_RUSER and PAM_USER, so the name stands
 * on both sides of {@code rhost=} and may itself hold {@code " rhost=203.0.113.9"}. The true
 * {@code rhost=} is the one where the text before it (after {@code ruser=}) equals the text after
 * {@code user=}, or, when {@code user=} is missing, the one that ends the line; when {@code ruser=} is
 * empty, nothing the client wrote comes before the first {@code rhost=}. If two readings name
 * different clients the line is left alone.
 */
final class PamFailureLine {

  private static final Needle PAM = Needle.of("pam_");
  private static final Needle SSHD_AUTH = Needle.of("(sshd:auth): authentication failure;");
  private static final Needle RUSER = Needle.of(" ruser=");
  private static final Needle RHOST = Needle.of(" rhost=");
  private static final Needle USER = Needle.of(" user=");

  private PamFailureLine() {}

  /** The finding of a PAM failure line in {@code [pos, end)}, or null when it is not one. */
  static Finding read(Message m, int pos, int end) {
    if (!m.matchesAt(pos, PAM)) {
      return null;
    }
    int name = pos + PAM.length();
    while (name < end && m.byteAt(name) >= 'a' && m.byteAt(name) <= 'z') {
      name++;
    }
    if (!m.matchesAt(name, SSHD_AUTH)) {
      return null;
    }
    int ruser = m.indexOf(RUSER, name + SSHD_AUTH.length());
    if (ruser < 0 || ruser >= end) {
      return null;
    }
    int userStart = ruser + RUSER.length();
    Finding chosen = null;
    for (int k = m.indexOf(RHOST, userStart - 1); k >= 0 && k + RHOST.length() < end; k = m.indexOf(RHOST, k + 1)) {
      Finding f = reading(m, userStart, k, end);
      if (f == null) {
        continue;
      }
      if (chosen != null && !chosen.source.equals(f.source)) {
        return null;
      }
      chosen = chosen == null ? f : chosen;
    }
    return chosen;
  }

  /** The reading where {@code rhost=} stands at {@code k}, or null when the line does not fit it. */
  private static Finding reading(Message m, int userStart, int k, int end) {
    int hostStart = k + RHOST.length();
    int hostEnd = AuthLogTail.tokenEnd(m, hostStart, end);
    Source s = Source.read(m, hostStart, hostEnd);
    if (s == null) {
      return null;
    }
    int nameStart = userStart;
    int nameEnd = k;
    if (hostEnd < end) {
      int u = hostEnd + 1 < end && m.byteAt(hostEnd + 1) == ' ' ? hostEnd + 1 : hostEnd;
      if (!m.matchesAt(u, USER)) {
        return null;
      }
      if (k > userStart && !sameBytes(m, userStart, k, u + USER.length(), end)) {
        return null;
      }
      nameStart = u + USER.length();
      nameEnd = end;
    }
    String user = nameEnd > nameStart ? m.text(nameStart, nameEnd) : null;
    return new Finding(Finding.Role.PAM, SshdFamilies.PAM_MODULE_FAILURE).client(s, 0).user(user);
  }

  private static boolean sameBytes(Message m, int a, int aEnd, int b, int bEnd) {
    if (aEnd - a != bEnd - b) {
      return false;
    }
    for (int i = 0; i < aEnd - a; i++) {
      if (m.byteAt(a + i) != m.byteAt(b + i)) {
        return false;
      }
    }
    return true;
  }
}
