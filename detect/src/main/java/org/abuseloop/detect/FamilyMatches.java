package org.abuseloop.detect;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.Family;

/**
 * Which rules' filters match each family, worked out once per family instead of once per event and
 * rule: families are constants, so a lookup by identity finds them (a family built anew each time
 * only costs a recomputation, and the map is cleared before it grows past a bound). Not thread-safe.
 */
final class FamilyMatches {

  /** More distinct family objects than any parser catalog declares: beyond it the cache starts over. */
  static final int BOUND = 4096;

  /** The answer for a family that no rule counts. */
  private static final boolean[] NONE = new boolean[0];

  private final List<Rule> rules;
  private final Map<Family, boolean[]> known = new IdentityHashMap<>();
  private Family lastFamily;
  private boolean[] lastMatches;

  FamilyMatches(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Indexed by {@link Rule#index}: true where the rule's filter matches {@code family}; null when no
   * rule's does. The array is shared: callers must not change it.
   */
  boolean[] of(Family family) {
    boolean[] m = family == lastFamily ? lastMatches : null;
    if (m == null) {
      m = lookUp(family);
      lastFamily = family;
      lastMatches = m;
    }
    return m == NONE ? null : m;
  }

  private boolean[] lookUp(Family family) {
    boolean[] m = known.get(family);
    if (m == null) {
      if (known.size() >= BOUND) {
        known.clear();
      }
      m = compute(family);
      known.put(family, m);
    }
    return m;
  }

  private boolean[] compute(Family family) {
    boolean[] m = new boolean[rules.size()];
    boolean any = false;
    for (Rule r : rules) {
      m[r.index] = r.scenario.match().matches(family);
      any |= m[r.index];
    }
    return any ? m : NONE;
  }
}
