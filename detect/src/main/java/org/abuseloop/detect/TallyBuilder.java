package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Tally;

/**
 * Counts values up to a fixed number of distinct ones; later new values are only counted as
 * "others", so an incident's target lists stay bounded whatever the attacker sends. Not thread-safe.
 *
 * <p>The values sit in arrays in the order first seen, each with its hash, key bits and count, found
 * through a small open-addressing table of positions (linear probing, at most half full since it is
 * sized for the limit, never deleted from): one probe of an int array per event instead of a hash
 * map's node chase, and no object per value. Addresses and ports are compared by their bits where they
 * lie in the arrays (an address's high and low halves, its family in the hash's lowest bit; a port as
 * the high half), so counting one never reads the stored value object, a cache miss on an incident's
 * cold tally, nor boxes a port; other values (user names) are compared with {@code equals}. Written by
 * hand rather than with fastutil's object-to-int map because the values, hashes and counts are kept
 * here in first-seen order anyway; the table is only their index.
 */
final class TallyBuilder<T> {

  /** Position of a value that is not (and will not be) held: counted as "others". */
  private static final int OTHERS = -2;
  private static final int ABSENT = -1;

  private final int limit;
  private Object[] values = new Object[4];
  private int[] hashes = new int[4];
  private long[] highs = new long[4];
  private long[] lows = new long[4];
  private long[] counts = new long[4];
  private int size;
  /** Positions plus one by hash (0: empty); its length is a power of two at least twice the limit. */
  private final int[] slots;
  private final int mask;
  private long others;
  /**
   * The last value counted (its hash and bits, or the value itself when compared by {@code equals})
   * and its position (or {@link #OTHERS}): an incident's events mostly repeat the value before (the
   * same source, the same swept port). A value that went to "others" always does: the table only fills.
   */
  private Object lastValue;
  private int lastHash;
  private long lastHigh;
  private long lastLow;
  private int lastAt = ABSENT;

  TallyBuilder(int limit) {
    this.limit = limit;
    this.slots = new int[Math.max(8, Integer.highestOneBit(Math.max(1, limit)) << 2)];
    this.mask = slots.length - 1;
  }

  /** Counts {@code n} sightings of {@code value}; null values are not counted. */
  void add(T value, long n) {
    if (value instanceof IpAddress a) {
      addAddress(a, n);
    } else if (value instanceof Integer p) {
      addBits(p, p, p, 0, n);
    } else if (value != null) {
      addObject(value, n);
    }
  }

  /** As {@link #add}, for values whose type the caller knows only at run time. */
  @SuppressWarnings("unchecked")
  void addUnchecked(Object value, long n) {
    add((T) value, n);
  }

  /** Counts {@code n} sightings of an address (a tally of addresses); null is not counted. */
  void addAddress(IpAddress a, long n) {
    if (a != null) {
      addBits(a, (a.hashCode() & ~1) | (a.isIPv4() ? 1 : 0), a.high(), a.low(), n);
    }
  }

  /** Counts {@code n} sightings of a port (a tally of ports, as {@link Integer}s); 0 (none) is not counted. */
  void addPort(int port, long n) {
    if (port > 0) {
      addBits(null, port, port, 0, n);
    }
  }

  /**
   * Counts a value known by its hash and bits (equal bits and hash: equal values); {@code value} is
   * stored when the value is new, a null {@code value} standing for the port {@code high}.
   */
  private void addBits(Object value, int hash, long high, long low, long n) {
    int at = lastAt != ABSENT && lastValue == null && hash == lastHash && high == lastHigh && low == lastLow
        ? lastAt : findBits(hash, high, low);
    if (at == ABSENT) {
      at = size < limit ? append(value == null ? Integer.valueOf((int) high) : value, hash, high, low) : OTHERS;
    }
    count(at, n);
    lastValue = null;
    lastHash = hash;
    lastHigh = high;
    lastLow = low;
    lastAt = at;
  }

  private void addObject(Object value, long n) {
    int hash = value.hashCode();
    int at = lastAt != ABSENT && hash == lastHash && value.equals(lastValue) ? lastAt : findObject(value, hash);
    if (at == ABSENT) {
      at = size < limit ? append(value, hash, 0, 0) : OTHERS;
    }
    count(at, n);
    lastValue = value;
    lastHash = hash;
    lastAt = at;
  }

  private void count(int at, long n) {
    if (at == OTHERS) {
      others += n;
    } else {
      counts[at] += n;
    }
  }

  private int findBits(int hash, long high, long low) {
    for (int i = spread(hash) & mask; slots[i] != 0; i = (i + 1) & mask) {
      int at = slots[i] - 1;
      if (hashes[at] == hash && highs[at] == high && lows[at] == low) {
        return at;
      }
    }
    return ABSENT;
  }

  private int findObject(Object value, int hash) {
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

  private int append(Object value, int hash, long high, long low) {
    if (size == values.length) {
      int grown = size * 2;
      values = Arrays.copyOf(values, grown);
      hashes = Arrays.copyOf(hashes, grown);
      highs = Arrays.copyOf(highs, grown);
      lows = Arrays.copyOf(lows, grown);
      counts = Arrays.copyOf(counts, grown);
    }
    values[size] = value;
    hashes[size] = hash;
    highs[size] = high;
    lows[size] = low;
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
