package org.abuseloop.detect;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.abuseloop.core.Incident.Scope;

/**
 * One detection rule: which events it counts, how (threshold, leaky bucket or distinct values), and by
 * which keys (the source address, its prefix, its network owner). Immutable and thread-safe; built
 * from YAML by {@link DetectionConfig}, whose loader reports bad values with their YAML path.
 *
 * @param id a stable id such as {@code sshd-bf}, used in incidents
 * @param description one sentence for people
 * @param type the kind of rule
 * @param match the events counted
 * @param count THRESHOLD: events; DISTINCT: distinct values that fire it; 0 for LEAKY
 * @param window THRESHOLD and DISTINCT: the sliding window; null for LEAKY
 * @param capacity LEAKY: the events the bucket holds (the next one overflows it); 0 otherwise
 * @param leak LEAKY: the time in which one event leaks out; null otherwise
 * @param distinct DISTINCT: what is counted; null otherwise
 * @param perTargetPort DISTINCT: key the count by source and target port (a sweep of one port)
 * @param groupBy the keys the scenario runs under, each on its own: ADDRESS, PREFIX, OWNER
 * @param minSources for PREFIX and OWNER keys, the distinct source addresses needed to fire
 */
public record Scenario(
    String id,
    String description,
    ScenarioType type,
    EventFilter match,
    int count,
    Duration window,
    int capacity,
    Duration leak,
    DistinctField distinct,
    boolean perTargetPort,
    Set<Scope> groupBy,
    int minSources) {

  public Scenario {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(match, "match");
    groupBy = groupBy.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(groupBy));
    if (groupBy.isEmpty()) {
      throw new IllegalArgumentException(id + ": groupBy must name at least one scope");
    }
    if (minSources < 1) {
      throw new IllegalArgumentException(id + ": minSources must be at least 1");
    }
    switch (type) {
      case THRESHOLD, DISTINCT -> {
        if (count < 1 || window == null || window.isNegative() || window.isZero()) {
          throw new IllegalArgumentException(id + ": needs a count of at least 1 and a positive window");
        }
        if (type == ScenarioType.DISTINCT && distinct == null) {
          throw new IllegalArgumentException(id + ": a distinct scenario needs the field it counts");
        }
      }
      case LEAKY -> {
        if (capacity < 1 || leak == null || leak.isNegative() || leak.isZero()) {
          throw new IllegalArgumentException(id + ": needs a capacity of at least 1 and a positive leak");
        }
      }
    }
    if (perTargetPort && distinct != DistinctField.TARGET_ADDRESS) {
      throw new IllegalArgumentException(id + ": perTargetPort applies to distinct target-address only");
    }
  }

  /** N matching events within {@code window}, keyed by source address. */
  public static Scenario threshold(String id, EventFilter match, int count, Duration window) {
    return new Scenario(id, "", ScenarioType.THRESHOLD, match, count, window, 0, null, null, false,
        Set.of(Scope.ADDRESS), 1);
  }

  /** A bucket of {@code capacity} events leaking one per {@code leak}, keyed by source address. */
  public static Scenario leaky(String id, EventFilter match, int capacity, Duration leak) {
    return new Scenario(id, "", ScenarioType.LEAKY, match, 0, null, capacity, leak, null, false,
        Set.of(Scope.ADDRESS), 1);
  }

  /** N distinct values of {@code field} within {@code window}, keyed by source address. */
  public static Scenario distinct(String id, EventFilter match, DistinctField field, int count, Duration window) {
    return new Scenario(id, "", ScenarioType.DISTINCT, match, count, window, 0, null, field, false,
        Set.of(Scope.ADDRESS), 1);
  }

  /** This scenario keyed by other scopes, firing only with {@code minSources} distinct sources. */
  public Scenario groupedBy(Set<Scope> scopes, int minSources) {
    return new Scenario(id, description, type, match, count, window, capacity, leak, distinct,
        perTargetPort, scopes, minSources);
  }

  /** This distinct scenario keyed by source and target port. */
  public Scenario keyedByTargetPort() {
    return new Scenario(id, description, type, match, count, window, capacity, leak, distinct, true,
        groupBy, minSources);
  }

  /**
   * How long a source's state matters after its last event, and so how long an incident stays open
   * without new events: the window, or for a bucket the time a full bucket takes to empty.
   */
  public Duration quiet() {
    return type == ScenarioType.LEAKY ? leak.multipliedBy(capacity) : window;
  }
}
