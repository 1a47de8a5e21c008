package org.abuseloop.store;

import java.time.Instant;
import java.util.Objects;
import org.abuseloop.core.IpPrefix;

/**
 * One decision to ban a target, before its length is known: the length follows from the target's
 * earlier offenses, which only the store knows. Immutable and thread-safe.
 *
 * @param target the address (as a host prefix) or prefix to ban
 * @param scenario the scenario that fired
 * @param at when the ban begins
 */
public record Offense(IpPrefix target, String scenario, Instant at) {

  public Offense {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(at, "at");
  }
}
