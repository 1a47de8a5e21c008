package org.abuseloop.detect;

/**
 * A key's slot under a threshold rule: a ring of the times of the last N events (N the threshold), so
 * "N events within the window" is one comparison of the newest with the oldest. Not thread-safe.
 */
final class WindowCounter extends Slot {

  private long[] times = new long[1];
  private final int n;
  private int head;
  private int size;

  WindowCounter(Rule rule, DistinctCounter sources, int n) {
    super(rule, sources);
    this.n = n;
  }

  @Override
  boolean count(long t, Sighting s) {
    return offer(t, rule.windowMs);
  }

  /** Records an event at {@code t}; true when the last N events lie within {@code window} ms. */
  boolean offer(long t, long window) {
    while (size > 0 && t - times[head] > window) {
      head = (head + 1) % times.length;
      size--;
    }
    if (size == times.length && size < n) {
      grow();
    }
    if (size == times.length) {
      times[head] = t;
      head = (head + 1) % times.length;
    } else {
      times[(head + size) % times.length] = t;
      size++;
    }
    return size == n;
  }

  private void grow() {
    long[] grown = new long[Math.min(n, times.length * 2)];
    for (int i = 0; i < size; i++) {
      grown[i] = times[(head + i) % times.length];
    }
    times = grown;
    head = 0;
  }

  @Override
  long since() {
    return size == 0 ? 0 : times[head];
  }

  @Override
  long events() {
    return size;
  }

  @Override
  double countProgress() {
    return (double) size / n;
  }

  @Override
  void resetCount() {
    times = new long[1];
    head = 0;
    size = 0;
  }
}
