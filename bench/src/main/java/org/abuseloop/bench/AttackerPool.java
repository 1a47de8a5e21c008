package org.abuseloop.bench;

import java.util.SplittableRandom;

/**
 * A fixed set of attacking addresses drawn from the benchmarking range 198.18.0.0/15 (RFC 2544) and,
 * for a share, the documentation range 2001:db8::/32, picked with a skew so that a few attackers send
 * much of the traffic, as in real floods. Immutable after construction; {@link #pick} uses the
 * caller's random generator, so it is as thread-safe as that generator.
 */
final class AttackerPool {

  private final String[] addresses;

  /** @param ipv6Percent the share of IPv6 attackers, 0 to 100 */
  AttackerPool(SplittableRandom random, int size, int ipv6Percent) {
    addresses = new String[size];
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < size; i++) {
      String a;
      do {
        a = random.nextInt(100) < ipv6Percent ? ipv6(random) : ipv4(random);
      } while (!seen.add(a));
      addresses[i] = a;
    }
  }

  private static String ipv4(SplittableRandom r) {
    return "198." + (18 + r.nextInt(2)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  private static String ipv6(SplittableRandom r) {
    return "2001:db8:" + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000))
        + "::" + Integer.toHexString(1 + r.nextInt(0xffff));
  }

  int size() {
    return addresses.length;
  }

  String get(int i) {
    return addresses[i];
  }

  /** An attacker, skewed: the square of a uniform draw favours the first addresses. */
  String pick(SplittableRandom r) {
    return pickFrom(r, 0);
  }

  /** An attacker among those from index {@code first} on, skewed like {@link #pick}. */
  String pickFrom(SplittableRandom r, int first) {
    double u = r.nextDouble();
    return addresses[first + (int) (u * u * (addresses.length - first))];
  }
}
