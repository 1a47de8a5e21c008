package org.abuseloop.intel;

import com.fasterxml.jackson.databind.JsonNode;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * The first and last address of an RDAP network answer ({@code startAddress}/{@code endAddress},
 * else the {@code cidr0_cidrs} extension), and address arithmetic on such ranges. Stateless and
 * thread-safe.
 */
final class NetworkRange {

  private NetworkRange() {}

  /**
   * The answer's range holding {@code asked}; just {@code asked} when the answer gives none or
   * gives one that does not hold it (a wrong range must not be cached for other addresses).
   */
  static IpAddress[] of(JsonNode root, IpAddress asked) {
    IpAddress first = address(root, "startAddress");
    IpAddress last = address(root, "endAddress");
    if (holds(first, last, asked)) {
      return new IpAddress[] {first, last};
    }
    for (JsonNode cidr : root.path("cidr0_cidrs")) {
      String net = cidr.hasNonNull("v4prefix") ? cidr.get("v4prefix").asText() : cidr.path("v6prefix").asText(null);
      if (net != null && cidr.path("length").isInt()) {
        IpPrefix p = IpPrefix.parse(net + "/" + cidr.get("length").asInt());
        if (p != null && p.contains(asked)) {
          return new IpAddress[] {p.network(), last(p)};
        }
      }
    }
    return new IpAddress[] {asked, asked};
  }

  /** True when {@code a} lies in {@code [first, last]} (same family). */
  static boolean holds(IpAddress first, IpAddress last, IpAddress a) {
    return first != null && last != null && first.isIPv4() == a.isIPv4() && last.isIPv4() == a.isIPv4()
        && first.compareTo(a) <= 0 && a.compareTo(last) <= 0;
  }

  /** The last address of a prefix. */
  static IpAddress last(IpPrefix p) {
    IpAddress n = p.network();
    if (n.isIPv4()) {
      int host = p.length() == 32 ? 0 : -1 >>> p.length();
      return IpAddress.ofIPv4(n.ipv4Bits() | host);
    }
    int len = p.length();
    long highHost = len >= 64 ? 0 : (len == 0 ? -1L : -1L >>> len);
    long lowHost = len >= 128 ? 0 : (len <= 64 ? -1L : -1L >>> (len - 64));
    return IpAddress.ofIPv6(n.high() | highHost, n.low() | lowHost);
  }

  /**
   * The range {@code [first, last]} (which holds {@code a}) intersected with {@code a}'s block of
   * {@code maxLength} prefix bits.
   */
  static IpAddress[] clamp(IpAddress first, IpAddress last, IpAddress a, int maxLength) {
    IpPrefix block = IpPrefix.of(a, Math.min(maxLength, a.bitLength()));
    IpAddress lo = block.network();
    IpAddress hi = last(block);
    return new IpAddress[] {first.compareTo(lo) > 0 ? first : lo, last.compareTo(hi) < 0 ? last : hi};
  }

  private static IpAddress address(JsonNode root, String field) {
    JsonNode v = root.get(field);
    return v == null || !v.isTextual() ? null : IpAddress.parse(v.asText().strip());
  }
}
