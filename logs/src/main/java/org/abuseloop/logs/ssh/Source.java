package org.abuseloop.logs.ssh;

import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.Message;

/**
 * A client as sshd or dropbear wrote it: an address, or a host name when sshd runs with UseDNS (never
 * resolved here; sshd itself refuses reverse names that look like addresses). Immutable and thread-safe.
 */
record Source(IpAddress address, String host) {

  private static final int MAX_NAME = 253;

  /** The client written in {@code [from, to)}: an address, else a plausible host name, else null. */
  static Source read(Message m, int from, int to) {
    if (from >= to) {
      return null;
    }
    IpAddress a = from < m.start() || to > m.end() ? null : IpAddress.parse(m.bytes(), from, to);
    if (a != null) {
      return new Source(a, null);
    }
    return isHostName(m, from, to) ? new Source(null, m.ascii(from, to)) : null;
  }

  /**
   * Letters, digits, '-', '_' and '.', with a letter and a dot, not starting or ending with a dot or
   * dash. The dot keeps sshd's own words ({@code Connection reset by peer}) from passing for a name.
   */
  private static boolean isHostName(Message m, int from, int to) {
    if (to - from > MAX_NAME || !isNameEdge(m.byteAt(from)) || !isNameEdge(m.byteAt(to - 1))) {
      return false;
    }
    boolean letter = false;
    boolean dot = false;
    for (int i = from; i < to; i++) {
      byte c = m.byteAt(i);
      boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      letter |= alpha;
      dot |= c == '.';
      if (!alpha && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return letter && dot;
  }

  private static boolean isNameEdge(byte c) {
    return c != '.' && c != '-';
  }
}
