package org.abuseloop.core;

import java.util.List;

/**
 * A bounded set of values with how often each was seen, plus the number of sightings whose value did
 * not fit in the set. Immutable and thread-safe; entries keep the order in which values first came.
 *
 * @param entries at most a configured number of distinct values with their counts
 * @param others sightings of values that were not kept because the set was full
 */
public record Tally<T>(List<Entry<T>> entries, long others) {

  /** One value and the number of times it was seen. */
  public record Entry<T>(T value, long count) {}

  public Tally {
    entries = List.copyOf(entries);
  }

  /** A tally with nothing in it. */
  public static <T> Tally<T> empty() {
    return new Tally<>(List.of(), 0);
  }

  /** The values alone, in first-seen order. */
  public List<T> values() {
    return entries.stream().map(Entry::value).toList();
  }

  /** The count of {@code value}, 0 when it is not in the set. */
  public long count(T value) {
    for (Entry<T> e : entries) {
      if (e.value().equals(value)) {
        return e.count();
      }
    }
    return 0;
  }
}
