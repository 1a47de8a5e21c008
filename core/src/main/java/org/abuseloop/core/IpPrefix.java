package org.abuseloop.core;

/**
 * A network prefix: an address with its low bits cleared and a length (IPv4 /0../32, IPv6
 * /0../128). Immutable and thread-safe; detection keys sources by prefix, attribution matches them.
 */
public record IpPrefix(IpAddress network, int length) {

  public IpPrefix {
    if (length < 0 || length > network.bitLength()) {
      throw new IllegalArgumentException("prefix length " + length + " out of range for " + network);
    }
    network = mask(network, length);
  }

  /** The prefix of the given length that holds {@code address}. */
  public static IpPrefix of(IpAddress address, int length) {
    return new IpPrefix(address, length);
  }

  /** Parses {@code a.b.c.d/n} or {@code x::/n}; a bare address is a host prefix. Null when malformed. */
  public static IpPrefix parse(String text) {
    int slash = text.indexOf('/');
    IpAddress a = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
    if (a == null) {
      return null;
    }
    if (slash < 0) {
      return new IpPrefix(a, a.bitLength());
    }
    String len = text.substring(slash + 1);
    if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
      return null;
    }
    int n = Integer.parseInt(len);
    // An IPv4-mapped IPv6 prefix folds to IPv4 like its addresses do.
    if (a.isIPv4() && text.indexOf(':') >= 0) {
      n -= 96;
    }
    return n < 0 || n > a.bitLength() ? null : new IpPrefix(a, n);
  }

  public boolean contains(IpAddress a) {
    return a.isIPv4() == network.isIPv4() && mask(a, length).equals(network);
  }

  private static IpAddress mask(IpAddress a, int length) {
    if (a.isIPv4()) {
      int bits = length == 0 ? 0 : a.ipv4Bits() & (-1 << (32 - length));
      return IpAddress.ofIPv4(bits);
    }
    long high = a.high();
    long low = a.low();
    if (length <= 64) {
      high = length == 0 ? 0 : high & (-1L << (64 - length));
      low = 0;
    } else if (length < 128) {
      low &= -1L << (128 - length);
    }
    return IpAddress.ofIPv6(high, low);
  }

  @Override
  public String toString() {
    return network + "/" + length;
  }
}
