package org.abuseloop.detect;

import org.abuseloop.core.IpAddress;

/**
 * A scenario compiled for the hot path: its filter, its durations in milliseconds, and what its
 * counter per key ({@link Slot}) counts. Immutable and thread-safe.
 */
final class Rule {

  final int index;
  final Scenario scenario;
  final long windowMs;
  final long leakMs;
  final long quietMs;
  /** The scenario keys its counts by source and target port. */
  final boolean perTargetPort;

  Rule(int index, Scenario scenario) {
    this.index = index;
    this.scenario = scenario;
    this.windowMs = scenario.window() == null ? 0 : scenario.window().toMillis();
    this.leakMs = scenario.leak() == null ? 0 : scenario.leak().toMillis();
    this.quietMs = scenario.quiet().toMillis();
    this.perTargetPort = scenario.perTargetPort();
  }

  /** True when this scenario counts the sighting: the filter matches and the counted field is there. */
  boolean matches(Sighting s) {
    return scenario.match().matches(s.family()) && hasCountedField(s);
  }

  /** True when the sighting has the field this scenario counts (always, but for a distinct scenario). */
  boolean hasCountedField(Sighting s) {
    if (scenario.distinct() == null) {
      return true;
    }
    return switch (scenario.distinct()) {
      case USER -> s.user() != null;
      case TARGET_PORT -> s.port() > 0;
      case TARGET_ADDRESS -> s.target() != null && (!scenario.perTargetPort() || s.port() > 0);
    };
  }

  /** The 64-bit hash of the value a distinct scenario counts (its sets hold hashes). */
  long distinctHash(Sighting s) {
    return switch (scenario.distinct()) {
      case USER -> hash(s.user());
      case TARGET_PORT -> s.port();
      case TARGET_ADDRESS -> hash(s.target());
    };
  }

  /** The value a distinct scenario counts, as the incident lists it. */
  Object value(Sighting s) {
    return switch (scenario.distinct()) {
      case USER -> s.user();
      case TARGET_PORT -> s.port();
      case TARGET_ADDRESS -> s.target();
    };
  }

  /** A 64-bit hash of an address (distinct sets hold hashes, not objects). */
  static long hash(IpAddress a) {
    return mix(a.high() * 0x9E3779B97F4A7C15L ^ mix(a.low()) ^ (a.isIPv4() ? 1 : 0));
  }

  /**
   * A 64-bit FNV-1a hash of a string, finished with a mixer: written here because the JDK's hashes
   * are 32 bits, and a set of N user names is compared by hash alone.
   */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
