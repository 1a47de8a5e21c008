package org.abuseloop.logs.sip;

import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.logs.Bytes;
import org.abuseloop.logs.Message;

/**
 * An address as the security event log writes it: {@code IPV4/UDP/192.0.2.1/5060} or
 * {@code IPV6/TLS/2001:db8::1/5061}. Immutable and thread-safe.
 */
record SecurityAddress(Protocol protocol, IpAddress address, int port) {

  /** {@code IPV4/} or {@code IPV6/}: the length of the address family before the transport. */
  private static final int FAMILY_LENGTH = 5;
  private static final int MAX_PORT = 65535;

  /** The address when {@code [from, to)} has exactly that shape, else null. */
  static SecurityAddress parse(Message m, int from, int to) {
    byte[] b = m.bytes();
    int start = m.start();
    if (from < start || from + FAMILY_LENGTH > m.end() || b[from] != 'I' || b[from + 1] != 'P' || b[from + 2] != 'V'
        || (b[from + 3] != '4' && b[from + 3] != '6') || b[from + 4] != '/') {
      return null;
    }
    int transportStart = from + FAMILY_LENGTH;
    int portSlash = Bytes.lastIndexOf(b, transportStart, Math.min(to, m.end()), (byte) '/');
    int transportEnd = portSlash < 0 ? -1 : Bytes.indexOf(b, transportStart, portSlash, (byte) '/');
    if (transportEnd < 0) {
      return null;
    }
    Protocol protocol = protocol(b, transportStart, transportEnd);
    IpAddress address = m.address(transportEnd + 1, portSlash);
    int port = m.number(portSlash + 1, to);
    if (protocol == Protocol.UNKNOWN || address == null || port < 0) {
      return null;
    }
    boolean writtenAsIpv6 = Bytes.indexOf(b, transportEnd + 1, portSlash, (byte) ':') >= 0;
    if (writtenAsIpv6 != (b[from + 3] == '6')) {
      return null;
    }
    return new SecurityAddress(protocol, address, port <= MAX_PORT ? port : 0);
  }

  /** The transport; UDP, the common one, without the search through every protocol name. */
  private static Protocol protocol(byte[] b, int from, int to) {
    if (to - from == 3 && b[from] == 'U' && b[from + 1] == 'D' && b[from + 2] == 'P') {
      return Protocol.UDP;
    }
    return Protocol.parse(b, from, to);
  }
}
