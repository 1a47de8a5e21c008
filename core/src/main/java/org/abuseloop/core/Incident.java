package org.abuseloop.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A detected attack: which scenario fired for which source (an address, a prefix or a network owner),
 * over which time span, how often and how fast, against which targets, with a few evidence lines.
 * Immutable and thread-safe: the detector hands out snapshots, a new one each time the incident opens
 * or closes.
 *
 * @param scenario the id of the scenario that fired, e.g. {@code sshd-bf}
 * @param scope how the source was keyed: one address, a prefix, or a network owner
 * @param source the address (as a /32 or /128 prefix) or the prefix; null for an owner
 * @param owner the network owner (provider and region) for the OWNER scope, else null
 * @param first the time of the first event counted
 * @param last the time of the last event counted
 * @param count the events counted, from the start of the burst that opened the incident to its last
 * @param ratePerMinute {@code count} over the span from first to last, the span floored at one second
 * @param kinds events per kind, which tells enumeration (unknown users) from guessing: counted over
 *     the events seen in detail (the last 16 to 64 of the burst before it opened, then every one)
 * @param addresses the target addresses attacked, bounded, with counts
 * @param ports the target ports attacked, bounded, with counts
 * @param users the users, accounts or extensions tried, bounded, with counts
 * @param sources the attacking addresses behind a prefix or owner incident (one for an address)
 * @param evidence at most a configured number of log lines, in time order
 * @param offenses incidents opened for this source so far, this one included (for ban escalation)
 * @param active true while events still extend the incident, false once it closed
 */
public record Incident(
    String scenario,
    Scope scope,
    IpPrefix source,
    String owner,
    Instant first,
    Instant last,
    long count,
    double ratePerMinute,
    Map<EventKind, Long> kinds,
    Tally<IpAddress> addresses,
    Tally<Integer> ports,
    Tally<String> users,
    Tally<IpAddress> sources,
    List<Evidence> evidence,
    int offenses,
    boolean active) {

  /** How an incident's source is keyed. */
  public enum Scope {
    /** One attacking address. */
    ADDRESS,
    /** A prefix (by default IPv4 /24, IPv6 /64): many addresses of one network. */
    PREFIX,
    /** A network owner (provider and region): a campaign spread over its ranges. */
    OWNER
  }

  public Incident {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (scope == Scope.OWNER ? owner == null : source == null) {
      throw new IllegalArgumentException(scope + " incident without its " + (scope == Scope.OWNER ? "owner" : "source"));
    }
    kinds = Map.copyOf(kinds);
    evidence = List.copyOf(evidence);
  }

  /** The time from the first to the last event counted. */
  public Duration span() {
    return Duration.between(first, last);
  }

  /** The source as text: the address, the prefix, or the owner's name. */
  public String sourceText() {
    if (scope == Scope.OWNER) {
      return owner;
    }
    return scope == Scope.ADDRESS ? source.network().toString() : source.toString();
  }
}
