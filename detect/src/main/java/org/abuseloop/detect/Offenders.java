package org.abuseloop.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many incidents each source has caused, for ban escalation: a map capped like the key table,
 * forgetting the sources that offended longest ago first. Not thread-safe.
 */
final class Offenders {

  private final Map<Key, int[]> counts;

  Offenders(int cap) {
    this.counts = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, int[]> eldest) {
        return size() > cap;
      }
    };
  }

  /** Counts one more incident of {@code source}; returns the new count. */
  int increment(Key source) {
    return ++counts.computeIfAbsent(source, k -> new int[1])[0];
  }

  int count(Key source) {
    int[] c = counts.get(source);
    return c == null ? 0 : c[0];
  }

  int size() {
    return counts.size();
  }
}
