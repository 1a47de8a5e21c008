package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.Tally;

/**
 * Counts values up to a fixed number of distinct ones; later new values are only counted as
 * "others", so an incident's target lists stay bounded whatever the attacker sends. Not thread-safe.
 */
final class TallyBuilder<T> {

  private final Map<T, long[]> counts = new LinkedHashMap<>();
  private final int limit;
  private long others;

  TallyBuilder(int limit) {
    this.limit = limit;
  }

  /** Counts {@code n} sightings of {@code value}; null values are not counted. */
  void add(T value, long n) {
    if (value == null) {
      return;
    }
    long[] c = counts.get(value);
    if (c != null) {
      c[0] += n;
    } else if (counts.size() < limit) {
      counts.put(value, new long[] {n});
    } else {
      others += n;
    }
  }

  /** As {@link #add}, for values whose type the caller knows only at run time. */
  @SuppressWarnings("unchecked")
  void addUnchecked(Object value, long n) {
    add((T) value, n);
  }

  Tally<T> build() {
    List<Tally.Entry<T>> entries = new ArrayList<>(counts.size());
    counts.forEach((v, c) -> entries.add(new Tally.Entry<>(v, c[0])));
    return new Tally<>(entries, others);
  }
}
