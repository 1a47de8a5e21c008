package org.abuseloop.firewall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Arithmetic on prefixes that nftables interval sets need: the last address of a prefix, and a list
 * reduced to disjoint prefixes (CIDR prefixes either nest or do not meet, so dropping the nested ones
 * suffices). Stateless and thread-safe.
 */
final class PrefixRanges {

  private PrefixRanges() {
  }

  /** The prefixes sorted by address with every prefix inside another one dropped. */
  static List<IpPrefix> disjoint(Collection<IpPrefix> prefixes) {
    List<IpPrefix> sorted = new ArrayList<>(prefixes);
    sorted.sort((a, b) -> {
      int c = a.network().compareTo(b.network());
      return c != 0 ? c : Integer.compare(a.length(), b.length());
    });
    List<IpPrefix> out = new ArrayList<>();
    for (IpPrefix p : sorted) {
      if (out.isEmpty() || !out.get(out.size() - 1).contains(p.network())) {
        out.add(p);
      }
    }
    return out;
  }

  /** The highest address inside {@code p}. */
  static IpAddress last(IpPrefix p) {
    IpAddress n = p.network();
    if (n.isIPv4()) {
      int host = p.length() == 0 ? -1 : (int) ((1L << (32 - p.length())) - 1);
      return IpAddress.ofIPv4(n.ipv4Bits() | host);
    }
    int len = p.length();
    long high = n.high() | (len >= 64 ? 0 : (len == 0 ? -1L : (-1L >>> len)));
    long low = n.low() | (len >= 128 ? 0 : (len <= 64 ? -1L : (-1L >>> (len - 64))));
    return IpAddress.ofIPv6(high, low);
  }

  /** True when the two prefixes share an address (one holds the other); allocates nothing. */
  static boolean overlaps(IpPrefix a, IpPrefix b) {
    return a.network().isIPv4() == b.network().isIPv4()
        && samePrefix(a.network(), b.network(), Math.min(a.length(), b.length()));
  }

  /** True when {@code p} holds {@code a}; allocates nothing, unlike {@link IpPrefix#contains}. */
  static boolean holds(IpPrefix p, IpAddress a) {
    return p.network().isIPv4() == a.isIPv4() && samePrefix(p.network(), a, p.length());
  }

  /** True when the first {@code len} bits of two addresses of one family are equal. */
  private static boolean samePrefix(IpAddress x, IpAddress y, int len) {
    if (x.isIPv4()) {
      return len == 0 || ((x.ipv4Bits() ^ y.ipv4Bits()) & (-1 << (32 - len))) == 0;
    }
    long highMask = len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    long lowMask = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
    return ((x.high() ^ y.high()) & highMask) == 0 && ((x.low() ^ y.low()) & lowMask) == 0;
  }

  static boolean isHost(IpPrefix p) {
    return p.length() == p.network().bitLength();
  }
}
