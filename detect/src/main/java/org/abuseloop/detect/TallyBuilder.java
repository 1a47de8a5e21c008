package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.abuseloop.core.Tally;

/**
 * Counts values up to a fixed number of distinct ones; later new values are only counted as
 * "others", so an incident's target lists stay bounded whatever the attacker sends. Not thread-safe.
 *
 * <p>The values sit in arrays in the order first seen, each with its hash and count, found through a
 * small open-addressing table of positions (linear probing, at most half full since it is sized for the
 * limit, never deleted from): one probe of an int array per event instead of a hash map's node chase,
 * and no object per value. Written by hand rather than with fastutil's object-to-int map because the
 * values, hashes and counts are kept here in first-seen order anyway; the table is only their index.
 */
final class TallyBuilder<T> {

  /** Position of a value that is not (and will not be) held: counted as "others". */
  private static final int OTHERS = -2;
  private static final int ABSENT = -1;

  private final int limit;
  private Object[] values = new Object[4];
  private int[] hashes = new int[4];
  private long[] counts = new long[4];
  private int size;
  /** Positions plus one by hash (0: empty); its length is a power of two at least twice the limit. */
  private final int[] slots;
  private final int mask;
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
    this.slots = new int[Math.max(8, Integer.highestOneBit(Math.max(1, limit)) << 2)];
    this.mask = slots.length - 1;
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
    for (int i = spread(hash) & mask; slots[i] != 0; i = (i + 1) & mask) {
      int at = slots[i] - 1;
      if (hashes[at] == hash && value.equals(values[at])) {
        return at;
      }
    }
    return ABSENT;
  }

  private static int spread(int hash) {
    return (hash ^ (hash >>> 16)) * 0x9E3779B9;
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
    int i = spread(hash) & mask;
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = size + 1;
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
