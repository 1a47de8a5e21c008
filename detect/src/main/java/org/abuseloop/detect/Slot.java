package org.abuseloop.detect;

/**
 * One key's state under one scenario: the rule's counter (each rule type is a subclass that holds its
 * counter's fields itself), the distinct sources when the scenario needs several, and the incident
 * while one is open. Not thread-safe; times passed in never go backwards for one slot (the caller clamps).
 *
 * <p>The counter is the slot rather than an object the slot points to: the detector reaches a key's
 * slot through the key table's row, and a separate counter object was one more dependent read (a cache
 * miss on a cold key) per key and scenario of every event, and one more long-lived object per key.
 */
abstract sealed class Slot permits WindowCounter, LeakyBucket, DistinctCounter {

  /** The scenario counted here; null for a set of distinct sources, which only a slot uses. */
  final Rule rule;
  /** The distinct sources of a prefix or owner key, else null. */
  final DistinctCounter sources;
  long lastTime = Long.MIN_VALUE;
  OpenIncident incident;

  Slot(Rule rule, DistinctCounter sources) {
    this.rule = rule;
    this.sources = sources;
  }

  /**
   * The slot of {@code rule} for a key.
   *
   * @param aggregate true for a prefix or owner key, whose distinct sources are counted (up to
   *     {@code listed} of them, at least the scenario's minSources)
   */
  static Slot of(Rule rule, boolean aggregate, int listed) {
    DistinctCounter sources = aggregate ? new DistinctCounter(Math.max(rule.scenario.minSources(), listed)) : null;
    return switch (rule.scenario.type()) {
      case THRESHOLD -> new WindowCounter(rule, sources, rule.scenario.count());
      case LEAKY -> new LeakyBucket(rule, sources);
      case DISTINCT -> new DistinctCounter(rule, sources, rule.scenario.count());
    };
  }

  /**
   * Records a sighting; true when the scenario fires (condition held and enough sources), never while
   * its incident is open (nothing reads the answer then, and the distinct sets defer their work).
   */
  boolean offer(long t, Sighting s) {
    boolean fired = count(t, s);
    if (sources != null) {
      long hash = Rule.hash(s.source());
      if (incident != null) {
        sources.offerOpen(t, hash, rule.quietMs);
        return false;
      }
      sources.offer(t, hash, s.source(), rule.quietMs);
      fired &= sources.size() >= rule.scenario.minSources();
    }
    return fired && incident == null;
  }

  /** How close the scenario is to firing for this key, 0 to 1. */
  double progress() {
    double p = countProgress();
    return sources == null ? p : Math.min(p, (double) sources.size() / rule.scenario.minSources());
  }

  /** Forgets the counts and the sources, as if no event had come. */
  void reset() {
    resetCount();
    if (sources != null) {
      sources.reset();
    }
  }

  /** Records a sighting at {@code t} in the rule's counter; true when the rule's condition holds. */
  abstract boolean count(long t, Sighting s);

  /** The time of the first event of the current burst. */
  abstract long since();

  /** The events of the current burst. */
  abstract long events();

  /** How close the rule's counter is to firing, 0 to 1: the part of the threshold or of the capacity filled. */
  abstract double countProgress();

  /** Forgets the rule's counter, as if no event had come. */
  abstract void resetCount();
}
