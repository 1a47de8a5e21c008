package org.abuseloop.detect;

import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Detection settings shared by every scenario: the bound on state, how much an incident quotes, the
 * aggregation prefixes and which sources are never detected. Immutable and thread-safe.
 *
 * @param maxKeys the hard cap on tracked keys (addresses, prefixes, owners); the coldest go first
 * @param evidence the log lines an incident quotes at most
 * @param targets the distinct values an incident lists per dimension (addresses, ports, users)
 * @param ipv4Prefix the prefix length of IPv4 PREFIX keys (default 24)
 * @param ipv6Prefix the prefix length of IPv6 PREFIX keys (default 64)
 * @param allow sources that are never detected
 * @param includePrivate detect private, link-local and CGNAT sources too (default false)
 * @param includeLoopback detect loopback sources too (default false)
 */
public record Settings(
    int maxKeys,
    int evidence,
    int targets,
    int ipv4Prefix,
    int ipv6Prefix,
    List<IpPrefix> allow,
    boolean includePrivate,
    boolean includeLoopback) {

  public static final int DEFAULT_MAX_KEYS = 100_000;

  public Settings {
    allow = List.copyOf(allow);
    if (maxKeys < 1 || evidence < 0 || targets < 1 || ipv4Prefix < 1 || ipv4Prefix > 32
        || ipv6Prefix < 1 || ipv6Prefix > 128) {
      throw new IllegalArgumentException("settings out of range");
    }
  }

  /** The defaults: 100,000 keys, 10 evidence lines, 16 targets, /24 and /64, nothing allowed. */
  public static Settings defaults() {
    return new Settings(DEFAULT_MAX_KEYS, 10, 16, 24, 64, List.of(), false, false);
  }

  public Settings withMaxKeys(int n) {
    return new Settings(n, evidence, targets, ipv4Prefix, ipv6Prefix, allow, includePrivate, includeLoopback);
  }

  public Settings withAllow(List<IpPrefix> prefixes) {
    return new Settings(maxKeys, evidence, targets, ipv4Prefix, ipv6Prefix, prefixes, includePrivate, includeLoopback);
  }

  public Settings withPrivateAndLoopback(boolean privateToo, boolean loopbackToo) {
    return new Settings(maxKeys, evidence, targets, ipv4Prefix, ipv6Prefix, allow, privateToo, loopbackToo);
  }

  /** The prefix length of PREFIX keys for this address. */
  int prefixLength(IpAddress a) {
    return a.isIPv4() ? ipv4Prefix : ipv6Prefix;
  }
}
