package org.abuseloop.detect;

/**
 * A key's slot under a leaky rule: the bucket's level in milliseconds (each event adds one leak
 * interval, time drains one millisecond per millisecond), so the arithmetic is exact. Not thread-safe.
 */
final class LeakyBucket extends Slot {

  private long fill;
  private long at;
  private long since;
  private long events;

  LeakyBucket(Rule rule, DistinctCounter sources) {
    super(rule, sources);
  }

  @Override
  boolean count(long t, Sighting s) {
    return offer(t, rule.scenario.capacity(), rule.leakMs);
  }

  /**
   * Records an event at {@code t}; true when it does not fit, i.e. when it is at least the
   * {@code capacity + 1}-th event of a burst that the leak has not drained.
   */
  boolean offer(long t, int capacity, long leak) {
    fill = Math.max(0, fill - Math.max(0, t - at));
    at = Math.max(at, t);
    if (fill == 0) {
      since = t;
      events = 0;
    }
    events++;
    long full = capacity * leak;
    if (fill + leak > full) {
      fill = full;
      return true;
    }
    fill += leak;
    return false;
  }

  /** The events in the bucket now, a fraction when partly drained. */
  double level(long leak) {
    return (double) fill / leak;
  }

  @Override
  long since() {
    return since;
  }

  @Override
  long events() {
    return events;
  }

  @Override
  double countProgress() {
    return (double) fill / (rule.leakMs * rule.scenario.capacity());
  }

  @Override
  void resetCount() {
    fill = 0;
    events = 0;
  }
}
