package org.abuseloop.logs.sip;

import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * An address as the security event log writes it: {@code IPV4/UDP/192.0.2.1/5060} or
 * {@code IPV6/TLS/2001:db8::1/5061}. Immutable and thread-safe.
 */
record SecurityAddress(Protocol protocol, IpAddress address, int port) {

  private static final Needle IPV4 = Needle.of("IPV4/");
  private static final Needle IPV6 = Needle.of("IPV6/");

  /** The address when {@code [from, to)} has exactly that shape, else null. */
  static SecurityAddress parse(Message m, int from, int to) {
    if (!m.matchesAt(from, IPV4) && !m.matchesAt(from, IPV6)) {
      return null;
    }
    int transportStart = from + IPV4.length();
    int transportEnd = m.indexOf((byte) '/', transportStart);
    int portSlash = m.lastIndexOf((byte) '/', to);
    if (transportEnd < 0 || transportEnd >= portSlash || portSlash >= to) {
      return null;
    }
    Protocol protocol = Protocol.parse(m.bytes(), transportStart, transportEnd);
    IpAddress address = m.address(transportEnd + 1, portSlash);
    if (protocol == Protocol.UNKNOWN || address == null || m.number(portSlash + 1, to) < 0) {
      return null;
    }
    int colon = m.indexOf((byte) ':', transportEnd + 1);
    boolean writtenAsIpv6 = colon >= 0 && colon < portSlash;
    if (writtenAsIpv6 != m.matchesAt(from, IPV6)) {
      return null;
    }
    return new SecurityAddress(protocol, address, m.port(portSlash + 1, to));
  }
}
