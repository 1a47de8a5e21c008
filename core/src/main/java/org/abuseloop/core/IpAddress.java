package org.abuseloop.core;

/**
 * An IPv4 or IPv6 address in compact form: IPv4 as an int in the low word, IPv6 as two longs,
 * IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) folded to IPv4. Immutable and thread-safe.
 *
 * <p>Parsing is written by hand rather than taken from the {@code ipaddress} library because it
 * runs on every log line: it scans a byte range in place, allocates nothing on failure and one
 * small object on success, where a general library first builds a String.
 */
public final class IpAddress implements Comparable<IpAddress> {

  private final long high;
  private final long low;
  private final boolean v4;

  private IpAddress(long high, long low, boolean v4) {
    this.high = high;
    this.low = low;
    this.v4 = v4;
  }

  /** The IPv4 address with the given 32 bits. */
  public static IpAddress ofIPv4(int bits) {
    return new IpAddress(0, bits & 0xFFFFFFFFL, true);
  }

  /** The IPv6 address with the given 128 bits; an IPv4-mapped address becomes IPv4. */
  public static IpAddress ofIPv6(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xFFFFL) {
      return ofIPv4((int) low);
    }
    return new IpAddress(high, low, false);
  }

  /**
   * Parses a textual address, or returns null when the text is not exactly one address. Accepts
   * dotted IPv4 (leading zeros read as decimal, as sshd and syslog write them), IPv6 in every RFC
   * 4291 form, and an IPv6 zone suffix ({@code %eth0}), which is dropped.
   */
  public static IpAddress parse(CharSequence text) {
    int n = text.length();
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c > 0x7F) {
        return null;
      }
      bytes[i] = (byte) c;
    }
    return parse(bytes, 0, n);
  }

  /** Parses bytes {@code [from, to)} as one address, or returns null. See {@link #parse(CharSequence)}. */
  public static IpAddress parse(byte[] b, int from, int to) {
    if (from >= to || to - from > 64) {
      return null;
    }
    // A dotted quad holds no ':', so trying it first reads the common case in one pass.
    long v = AddressText.parseIPv4(b, from, to);
    if (v >= 0) {
      return ofIPv4((int) v);
    }
    for (int i = from; i < to; i++) {
      if (b[i] == ':') {
        return AddressText.parseIPv6(b, from, to);
      }
    }
    return null;
  }

  /**
   * The 32 bits of the dotted quad in {@code [from, to)} as a non-negative long, or -1 when the range
   * is not exactly one; the first step of {@link #parse(byte[], int, int)}, for a caller that keeps the
   * addresses it made (see {@link #ofIPv4}).
   */
  public static long parseIPv4Bits(byte[] b, int from, int to) {
    return AddressText.parseIPv4(b, from, to);
  }

  /** Parses an address the caller knows is well formed, failing loudly otherwise. */
  public static IpAddress of(String text) {
    IpAddress a = parse(text);
    if (a == null) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    return a;
  }

  public boolean isIPv4() {
    return v4;
  }

  /** The IPv4 bits; meaningful only when {@link #isIPv4()}. */
  public int ipv4Bits() {
    return (int) low;
  }

  /** The upper 64 bits of the IPv6 form (zero for IPv4). */
  public long high() {
    return high;
  }

  /** The lower 64 bits of the IPv6 form (the IPv4 bits for IPv4). */
  public long low() {
    return low;
  }

  /** Address length in bits: 32 or 128. */
  public int bitLength() {
    return v4 ? 32 : 128;
  }

  public boolean isLoopback() {
    return v4 ? (low >>> 24) == 127 : high == 0 && low == 1;
  }

  /**
   * True for addresses that are not globally routable: RFC 1918, CGNAT 100.64/10, link-local,
   * unspecified, IPv6 unique-local fc00::/7 and link-local fe80::/10.
   */
  public boolean isPrivate() {
    if (v4) {
      int a = (int) (low >>> 24);
      int b = (int) (low >>> 16) & 0xFF;
      return a == 10 || a == 0 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168)
          || (a == 169 && b == 254) || (a == 100 && (b & 0xC0) == 64);
    }
    int top = (int) (high >>> 48);
    return (top & 0xFE00) == 0xFC00 || (top & 0xFFC0) == 0xFE80 || (high == 0 && low == 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && other.high == high && other.low == low && other.v4 == v4;
  }

  @Override
  public int hashCode() {
    long h = high * 0x9E3779B97F4A7C15L + low;
    return (int) (h ^ (h >>> 32)) ^ (v4 ? 1 : 0);
  }

  @Override
  public int compareTo(IpAddress o) {
    if (v4 != o.v4) {
      return v4 ? -1 : 1;
    }
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  /** Dotted quad for IPv4, RFC 5952 canonical text for IPv6. */
  @Override
  public String toString() {
    return v4 ? AddressText.formatIPv4((int) low) : AddressText.formatIPv6(high, low);
  }
}
