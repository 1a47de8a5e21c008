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
  /**
   * The last value counted and where its count went (its cell, or {@link #OTHERS}): an incident's
   * events mostly repeat the value before (the same source, the same swept port), which then costs one
   * {@code equals} instead of a map lookup. A value that went to "others" always does: the map only fills.
   * Its hash is kept too, so a different value is told apart without reading the old value's object.
   */
  private T lastValue;
  private int lastHash;
  private long[] lastCell;
  private static final long[] OTHERS = new long[0];

  TallyBuilder(int limit) {
    this.limit = limit;
  }

  /** Counts {@code n} sightings of {@code value}; null values are not counted. */
  void add(T value, long n) {
    if (value == null) {
      return;
    }
    int hash = value.hashCode();
    long[] c = hash == lastHash && value.equals(lastValue) ? lastCell : counts.get(value);
    if (c == null) {
      if (counts.size() < limit) {
        c = new long[1];
        counts.put(value, c);
      } else {
        c = OTHERS;
      }
    }
    if (c == OTHERS) {
      others += n;
    } else {
      c[0] += n;
    }
    lastValue = value;
    lastHash = hash;
    lastCell = c;
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
