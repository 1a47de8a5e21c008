package org.abuseloop.logs.mail;

import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.Message;

/**
 * Reads the {@code [ADDR]} or {@code [ADDR]:PORT} form every MTA writes for a client (Postfix
 * {@code host[ADDR]}, Exim {@code [ADDR]:PORT}, sendmail {@code [IPv6:ADDR]}), validating that the
 * brackets hold exactly one address. Stateless and thread-safe.
 */
final class BracketedAddress {

  private static final int LONGEST = 6 + 45;

  private BracketedAddress() {}

  /** The address whose opening bracket is at {@code open}, with a port after {@code ":"}, or null. */
  static Peer read(Message m, int open) {
    if (open < m.start() || open >= m.end() || m.byteAt(open) != '[') {
      return null;
    }
    int from = open + 1;
    int close = closingBracket(m, from);
    if (close < 0) {
      return null;
    }
    if (close - from > 5 && startsWithIpv6Tag(m, from)) {
      from += 5;
    }
    IpAddress address = m.address(from, close);
    if (address == null) {
      return null;
    }
    int end = close + 1;
    int port = 0;
    if (end < m.end() && m.byteAt(end) == ':') {
      int digits = m.digitsEnd(end + 1);
      port = m.port(end + 1, digits);
      if (port > 0) {
        end = digits;
      }
    }
    return new Peer(address, port, end);
  }

  /** The index of the ']' that closes an address starting at {@code from}, looking no further than one address. */
  private static int closingBracket(Message m, int from) {
    int limit = Math.min(m.end(), from + LONGEST + 1);
    for (int i = from; i < limit; i++) {
      if (m.byteAt(i) == ']') {
        return i;
      }
    }
    return -1;
  }

  /** Sendmail writes IPv6 clients as {@code [IPv6:2001:db8::1]}. */
  private static boolean startsWithIpv6Tag(Message m, int at) {
    return (m.byteAt(at) == 'I' || m.byteAt(at) == 'i') && (m.byteAt(at + 1) == 'P' || m.byteAt(at + 1) == 'p')
        && m.byteAt(at + 2) == 'v' && m.byteAt(at + 3) == '6' && m.byteAt(at + 4) == ':';
  }
}
