package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.Tally;

/**
 * Counts values up to a fixed number of distinct ones; later new values are only counted as
 * "others", so an incident's target lists stay bounded whatever the attacker sends. Not thread-safe.
 *
 * <p>The values sit in arrays in the order first seen, each with its hash and count: up to
 * {@link #SCAN} of them (the default limit is 16) a lookup compares hashes in one small array, which
 * beats a hash map's node chase per event; past that an index from value to position is kept too.
 */
final class TallyBuilder<T> {

  /** Up to how many values a lookup scans the hashes instead of using the index. */
  static final int SCAN = 32;
  /** Position of a value that is not (and will not be) held: counted as "others". */
  private static final int OTHERS = -2;
  private static final int ABSENT = -1;

  private final int limit;
  private Object[] values = new Object[4];
  private int[] hashes = new int[4];
  private long[] counts = new long[4];
  private int size;
  private Map<Object, Integer> index;
  private long others;
  /**
   * The last value counted and its position (or {@link #OTHERS}): an incident's events mostly repeat the
   * value before (the same source, the same swept port), which then costs one {@code equals}. A value
   * that went to "others" always does: the table only fills.
   */
  private Object lastValue;
  private int lastHash;
  private int lastAt = ABSENT;

  TallyBuilder(int limit) {
    this.limit = limit;
  }

  /** Counts {@code n} sightings of {@code value}; null values are not counted. */
  void add(T value, long n) {
    if (value == null) {
      return;
    }
    int hash = value.hashCode();
    int at = lastAt != ABSENT && hash == lastHash && value.equals(lastValue) ? lastAt : find(value, hash);
    if (at == ABSENT) {
      at = size < limit ? append(value, hash) : OTHERS;
    }
    if (at == OTHERS) {
      others += n;
    } else {
      counts[at] += n;
    }
    lastValue = value;
    lastHash = hash;
    lastAt = at;
  }

  /** As {@link #add}, for values whose type the caller knows only at run time. */
  @SuppressWarnings("unchecked")
  void addUnchecked(Object value, long n) {
    add((T) value, n);
  }

  private int find(Object value, int hash) {
    if (index != null) {
      Integer at = index.get(value);
      return at == null ? ABSENT : at;
    }
    for (int i = 0; i < size; i++) {
      if (hashes[i] == hash && value.equals(values[i])) {
        return i;
      }
    }
    return ABSENT;
  }

  private int append(Object value, int hash) {
    if (size == values.length) {
      int grown = size * 2;
      values = Arrays.copyOf(values, grown);
      hashes = Arrays.copyOf(hashes, grown);
      counts = Arrays.copyOf(counts, grown);
    }
    values[size] = value;
    hashes[size] = hash;
    if (index != null) {
      index.put(value, size);
    } else if (size + 1 > SCAN) {
      index = new HashMap<>();
      for (int i = 0; i <= size; i++) {
        index.put(values[i], i);
      }
    }
    return size++;
  }

  @SuppressWarnings("unchecked")
  Tally<T> build() {
    List<Tally.Entry<T>> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      entries.add(new Tally.Entry<>((T) values[i], counts[i]));
    }
    return new Tally<>(entries, others);
  }
}
