package org.abuseloop.detect;

/**
 * One key's state under one scenario: the rule's counter, the distinct sources when the scenario
 * needs several, and the incident while one is open. Not thread-safe.
 */
final class Slot {

  final Rule rule;
  final Counter counter;
  final DistinctCounter sources;
  long lastTime = Long.MIN_VALUE;
  OpenIncident incident;

  /**
   * @param aggregate true for a prefix or owner key, whose distinct sources are counted (up to
   *     {@code listed} of them, at least the scenario's minSources)
   */
  Slot(Rule rule, boolean aggregate, int listed) {
    this.rule = rule;
    this.counter = rule.newCounter();
    this.sources = aggregate ? new DistinctCounter(Math.max(rule.scenario.minSources(), listed)) : null;
  }

  /** Records a sighting; true when the scenario fires (condition held and enough sources). */
  boolean offer(long t, Sighting s) {
    boolean fired = rule.offer(counter, t, s);
    if (sources != null) {
      sources.offer(t, Rule.hash(s.source()), s.source(), rule.quietMs);
      fired &= sources.size() >= rule.scenario.minSources();
    }
    return fired;
  }

  /** How close the scenario is to firing for this key, 0 to 1. */
  double progress() {
    double p = counter.progress(rule);
    return sources == null ? p : Math.min(p, (double) sources.size() / rule.scenario.minSources());
  }

  void reset() {
    counter.reset();
    if (sources != null) {
      sources.reset();
    }
  }
}
