package org.abuseloop.store;

import java.time.Duration;
import java.time.Instant;
import org.abuseloop.core.IpPrefix;

/**
 * One target's ban as the store keeps it: the current period ({@code created} to {@code expires}),
 * the last offense, how many offenses the target has had in all, and when the ban ended early or
 * ran out ({@code removed}, null while open). Immutable and thread-safe.
 */
public record Ban(
    IpPrefix target,
    String scenario,
    Instant created,
    Instant lastOffense,
    Instant expires,
    int offenses,
    Instant removed) {

  /** True when the ban is in force at {@code at}: begun, not run out and not lifted. */
  public boolean activeAt(Instant at) {
    return !created.isAfter(at) && expires.isAfter(at) && (removed == null || removed.isAfter(at));
  }

  /** How long the ban still has to run at {@code at}; zero once it is not active. */
  public Duration remainingAt(Instant at) {
    return activeAt(at) ? Duration.between(at, expires) : Duration.ZERO;
  }
}
