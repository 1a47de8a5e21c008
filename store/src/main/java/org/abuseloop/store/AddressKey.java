package org.abuseloop.store;

import org.abuseloop.core.IpAddress;

/**
 * An address as fixed-width lower-case hex text (8 digits for IPv4, 32 for IPv6), whose text order
 * is the address order in every database, and back. Stateless and thread-safe.
 */
final class AddressKey {

  private AddressKey() {}

  static String of(IpAddress a) {
    return a.isIPv4() ? hex(a.ipv4Bits() & 0xFFFFFFFFL, 8) : hex(a.high(), 16) + hex(a.low(), 16);
  }

  static IpAddress parse(String key) {
    if (key.length() == 8) {
      return IpAddress.ofIPv4((int) Long.parseLong(key, 16));
    }
    if (key.length() == 32) {
      return IpAddress.ofIPv6(Long.parseUnsignedLong(key.substring(0, 16), 16), Long.parseUnsignedLong(key.substring(16), 16));
    }
    throw new IllegalArgumentException("not an address key: '" + key + "'");
  }

  private static String hex(long value, int digits) {
    String h = Long.toHexString(value);
    return "0".repeat(digits - h.length()) + h;
  }
}
