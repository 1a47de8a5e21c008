package org.abuseloop.firewall;

import java.time.Duration;

/**
 * A per-source packet rate: {@code count} packets per {@code per}, with a burst allowance, as in
 * shorewall's {@code Limit:info:VOIP,3,60} or iptables' hashlimit. Immutable and thread-safe.
 */
public record Rate(int count, Duration per, int burst) {

  private static final long[] UNIT_SECONDS = {1, 60, 3600, 86400};
  private static final String[] NFT_UNITS = {"second", "minute", "hour", "day"};
  private static final String[] HASHLIMIT_UNITS = {"sec", "min", "hour", "day"};

  public Rate {
    if (count < 1) {
      throw new IllegalArgumentException("rate count must be at least 1, got " + count);
    }
    if (per == null || per.getNano() != 0 || per.getSeconds() < 1 || per.getSeconds() > 86400) {
      throw new IllegalArgumentException("rate period must be whole seconds from 1 s to 1 day, got " + per);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("rate burst must be at least 1, got " + burst);
    }
  }

  /** {@code count} packets per {@code per} with a burst of {@code count}. */
  public static Rate of(int count, Duration per) {
    return new Rate(count, per, count);
  }

  /** The nftables form, e.g. {@code 3/minute}, exact when the rate divides evenly into a unit. */
  String nftText() {
    return unitRate(NFT_UNITS);
  }

  /** The hashlimit form, e.g. {@code 3/min}. */
  String hashlimitText() {
    return unitRate(HASHLIMIT_UNITS);
  }

  /** How long a source's bucket must be kept: long enough that a slow source is still counted. */
  Duration trackingTimeout() {
    Duration twice = per.multipliedBy(2);
    return twice.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : twice;
  }

  private String unitRate(String[] names) {
    long seconds = per.getSeconds();
    for (int i = 0; i < UNIT_SECONDS.length; i++) {
      if (count * UNIT_SECONDS[i] % seconds == 0) {
        return count * UNIT_SECONDS[i] / seconds + "/" + names[i];
      }
    }
    long perDay = Math.max(1, Math.round(count * 86400.0 / seconds));
    return perDay + "/" + names[names.length - 1];
  }
}
