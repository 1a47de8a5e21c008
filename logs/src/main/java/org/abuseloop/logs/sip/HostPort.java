package org.abuseloop.logs.sip;

import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.Bytes;
import org.abuseloop.logs.Message;

/**
 * A peer address with an optional port, in the forms SIP servers print it: {@code 192.0.2.1},
 * {@code 192.0.2.1:5060}, {@code [2001:db8::1]:5060}, {@code [2001:db8::1]} and {@code 2001:db8::1}.
 * Immutable and thread-safe; {@code port} is 0 when the text has none.
 *
 * <p>Written by hand rather than with Guava's {@code HostAndPort}: it reads the line's bytes in place
 * (no String per line) and knows PJSIP's IPv6 with a port but without brackets.
 */
record HostPort(IpAddress address, int port) {

  /**
   * The address in {@code [from, to)} when the whole range is one of the forms above, else null. With
   * {@code portRequired} (services that always print a port, some without brackets around IPv6) the
   * text after the last colon is the port.
   */
  static HostPort parse(Message m, int from, int to, boolean portRequired) {
    if (from >= to || from < m.start() || to > m.end()) {
      return null;
    }
    byte[] b = m.bytes();
    if (b[from] == '[') {
      return bracketed(m, from, to, portRequired);
    }
    int lastColon = Bytes.lastIndexOf(b, from, to, (byte) ':');
    boolean oneColon = lastColon >= 0 && Bytes.lastIndexOf(b, from, lastColon, (byte) ':') < 0;
    if (oneColon || (lastColon >= 0 && portRequired)) {
      return withPort(m.address(from, lastColon), m.port(lastColon + 1, to));
    }
    if (portRequired) {
      return null;
    }
    IpAddress address = m.address(from, to);
    return address == null ? null : new HostPort(address, 0);
  }

  private static HostPort bracketed(Message m, int from, int to, boolean portRequired) {
    int close = m.indexOf((byte) ']', from);
    if (close < 0 || close >= to) {
      return null;
    }
    IpAddress address = m.address(from + 1, close);
    if (close + 1 == to) {
      return address == null || portRequired ? null : new HostPort(address, 0);
    }
    return m.byteAt(close + 1) == ':' ? withPort(address, m.port(close + 2, to)) : null;
  }

  private static HostPort withPort(IpAddress address, int port) {
    return address == null || port == 0 ? null : new HostPort(address, port);
  }
}
