package org.abuseloop.intel;

import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * The IANA special-purpose address blocks (RFC 6890 and its updates) that no registry answers for:
 * private, loopback, link-local, CGNAT, documentation, benchmarking, multicast, reserved.
 * Stateless and thread-safe.
 */
final class ReservedSpace {

  /** One special-purpose block and what it is, in words. Immutable. */
  private record Block(IpPrefix prefix, String what) {}

  private static final Block[] BLOCKS = {
      block("0.0.0.0/8", "'this network' space"),
      block("10.0.0.0/8", "private space (RFC 1918)"),
      block("100.64.0.0/10", "shared CGNAT space (RFC 6598)"),
      block("127.0.0.0/8", "loopback"),
      block("169.254.0.0/16", "link-local"),
      block("172.16.0.0/12", "private space (RFC 1918)"),
      block("192.0.0.0/24", "IETF protocol assignments"),
      block("192.0.2.0/24", "documentation space (RFC 5737)"),
      block("192.168.0.0/16", "private space (RFC 1918)"),
      block("198.18.0.0/15", "benchmarking space (RFC 2544)"),
      block("198.51.100.0/24", "documentation space (RFC 5737)"),
      block("203.0.113.0/24", "documentation space (RFC 5737)"),
      block("224.0.0.0/4", "multicast"),
      block("240.0.0.0/4", "reserved space"),
      block("::/128", "the unspecified address"),
      block("::1/128", "loopback"),
      block("64:ff9b:1::/48", "local-use NAT64 space"),
      block("100::/64", "discard-only space"),
      block("2001:db8::/32", "documentation space (RFC 3849)"),
      block("3fff::/20", "documentation space (RFC 9637)"),
      block("fc00::/7", "unique-local space"),
      block("fe80::/10", "link-local"),
      block("ff00::/8", "multicast"),
  };

  private ReservedSpace() {}

  /** What reserved block holds the address, in words, or null when it is global. */
  static String describe(IpAddress a) {
    for (Block b : BLOCKS) {
      if (b.prefix().contains(a)) {
        return b.what();
      }
    }
    return null;
  }

  private static Block block(String prefix, String what) {
    return new Block(IpPrefix.parse(prefix), what);
  }
}
