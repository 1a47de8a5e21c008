package org.abuseloop.firewall;

import java.time.Duration;
import org.abuseloop.core.Protocol;

/**
 * A per-source rate limit on one port: packets from a source beyond {@code rate} are dropped, every
 * source counted apart (up to {@code trackedSources} at once). Immutable and thread-safe.
 */
public record RateLimit(Port port, Rate rate, int trackedSources) {

  public RateLimit {
    if (port == null || rate == null) {
      throw new IllegalArgumentException("a rate limit needs a port and a rate");
    }
    if (trackedSources < 1 || trackedSources > 16_777_216) {
      throw new IllegalArgumentException("trackedSources out of range: " + trackedSources);
    }
  }

  /** {@code count} packets per {@code per} per source on {@code protocol}/{@code port}, burst {@code count}. */
  public static RateLimit of(Protocol protocol, int port, int count, Duration per) {
    return new RateLimit(new Port(protocol, port), Rate.of(count, per), 65_536);
  }
}
