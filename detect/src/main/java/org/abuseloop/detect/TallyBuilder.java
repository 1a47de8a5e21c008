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
 * <p>The values sit in an array in the order first seen; their hashes, key bits and counts sit in one
 * small open-addressing table of {@code long}s (linear probing, at most half full, grown by doubling,
 * never deleted from), each entry four longs side by side: an address's high and low halves (a port as
 * the high half), the hash with the value's position, the count. So counting a value already listed
 * reads and writes one entry, and a value that goes to "others" once the tally is full (most of an
 * open incident's events, when a scanner's ports or a sweep's addresses keep changing) is known as
 * such in one probe that ends at an empty entry, without reading the listed values or a second array.
 * Addresses and ports are compared by their bits (an address's family in the hash's lowest bit), so
 * counting one never reads the stored value object, a cache miss on an incident's cold tally, nor boxes
 * a port; other values (user names) are compared with {@code equals}. Written by hand rather than with
 * fastutil's object-to-int map because the values are kept here in first-seen order anyway and compared
 * by bits; the table is only their index and counts.
 *
 * <p>It also keeps a 128-bit filter of the listed values' hashes (one bit each): once the tally is
 * full, a value whose bit is clear is not listed and can only go to "others", which a caller that
 * copied the filter ({@link #listedLow}, {@link #listedHigh}, {@link #mayList}) tells without reading
 * this tally, and counts with {@link #addOthers}.
 */
final class TallyBuilder<T> {

  /** Where a value that is not (and will not be) held is counted: "others". */
  private static final int OTHERS = -2;
  private static final int ABSENT = -1;
  /** The longs of a table entry, and their places in it. */
  private static final int STRIDE = 4;
  private static final int HIGH = 0;
  private static final int LOW = 1;
  /** The hash in the upper half, the position in {@link #values} plus one in the lower (0: empty entry). */
  private static final int META = 2;
  private static final int COUNT = 3;

  private final int limit;
  private Object[] values = new Object[4];
  private int size;
  private long[] table = new long[4 * STRIDE];
  private int mask = 3;
  private long others;
  /** The filter of the listed values' hashes: bits 0-63, then 64-127. */
  private long listedLow;
  private long listedHigh;
  /**
   * The last value counted (its hash and bits, or the value itself when compared by {@code equals})
   * and its entry's offset in the table (or {@link #OTHERS}): an incident's events mostly repeat the
   * value before (the same source, the same swept port). A value that went to "others" always does:
   * the table only fills.
   */
  private Object lastValue;
  private int lastHash;
  private long lastHigh;
  private long lastLow;
  private int lastAt = ABSENT;

  TallyBuilder(int limit) {
    this.limit = limit;
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

  /**
   * Counts {@code n} sightings of an address (a tally of addresses); null is not counted. False when
   * they went to "others" (the tally is full and the address not listed).
   */
  boolean addAddress(IpAddress a, long n) {
    return a == null || addBits(a, hashOf(a), a.high(), a.low(), n);
  }

  /**
   * Counts {@code n} sightings of a port (a tally of ports, as {@link Integer}s); 0 (none) is not
   * counted. False when they went to "others".
   */
  boolean addPort(int port, long n) {
    return port <= 0 || addBits(null, port, port, 0, n);
  }

  /** Counts {@code n} sightings of values known not to be listed, in a full tally. */
  void addOthers(long n) {
    others += n;
  }

  /** The hash by which an address is listed (its family in the lowest bit); a port's is the port. */
  static int hashOf(IpAddress a) {
    return (a.hashCode() & ~1) | (a.isIPv4() ? 1 : 0);
  }

  /** The filter's bits 0-63: see {@link #mayList}. */
  long listedLow() {
    return listedLow;
  }

  /** The filter's bits 64-127: see {@link #mayList}. */
  long listedHigh() {
    return listedHigh;
  }

  /** False when no listed value has this hash, by the filter words of a tally. */
  static boolean mayList(long low, long high, int hash) {
    int bit = filterBit(hash);
    return ((bit < 64 ? low : high) & (1L << bit)) != 0;
  }

  private static int filterBit(int hash) {
    return (hash * 0x9E3779B9) >>> 25;
  }

  /**
   * Counts a value known by its hash and bits (equal bits and hash: equal values); {@code value} is
   * stored when the value is new, a null {@code value} standing for the port {@code high}.
   */
  private boolean addBits(Object value, int hash, long high, long low, long n) {
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
    return at != OTHERS;
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
      table[at + COUNT] += n;
    }
  }

  /** The offset of the entry with this hash and bits, or {@link #ABSENT}. */
  private int findBits(int hash, long high, long low) {
    long[] tb = table;
    for (int i = home(hash); ; i = (i + 1) & mask) {
      int at = i * STRIDE;
      long meta = tb[at + META];
      if (meta == 0) {
        return ABSENT;
      }
      if ((int) (meta >>> 32) == hash && tb[at + HIGH] == high && tb[at + LOW] == low) {
        return at;
      }
    }
  }

  private int findObject(Object value, int hash) {
    long[] tb = table;
    for (int i = home(hash); ; i = (i + 1) & mask) {
      int at = i * STRIDE;
      long meta = tb[at + META];
      if (meta == 0) {
        return ABSENT;
      }
      if ((int) (meta >>> 32) == hash && value.equals(values[(int) meta - 1])) {
        return at;
      }
    }
  }

  private int home(int hash) {
    return ((hash ^ (hash >>> 16)) * 0x9E3779B9) & mask;
  }

  /** Lists a new value; returns its entry's offset. */
  private int append(Object value, int hash, long high, long low) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    if (2 * (size + 1) > mask + 1) {
      grow();
    }
    values[size] = value;
    size++;
    int bit = filterBit(hash);
    if (bit < 64) {
      listedLow |= 1L << bit;
    } else {
      listedHigh |= 1L << bit;
    }
    return place(table, high, low, ((long) hash << 32) | size, 0);
  }

  /** Doubles the table (its entries' offsets change: the last value's offset is forgotten). */
  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    mask = (mask << 1) | 1;
    for (int at = 0; at < old.length; at += STRIDE) {
      if (old[at + META] != 0) {
        place(table, old[at + HIGH], old[at + LOW], old[at + META], old[at + COUNT]);
      }
    }
    if (lastAt >= 0) {
      lastAt = ABSENT;
    }
  }

  private int place(long[] tb, long high, long low, long meta, long count) {
    int i = home((int) (meta >>> 32));
    while (tb[i * STRIDE + META] != 0) {
      i = (i + 1) & mask;
    }
    int at = i * STRIDE;
    tb[at + HIGH] = high;
    tb[at + LOW] = low;
    tb[at + META] = meta;
    tb[at + COUNT] = count;
    return at;
  }

  @SuppressWarnings("unchecked")
  Tally<T> build() {
    long[] counts = new long[size];
    for (int at = 0; at < table.length; at += STRIDE) {
      long meta = table[at + META];
      if (meta != 0) {
        counts[(int) meta - 1] = table[at + COUNT];
      }
    }
    List<Tally.Entry<T>> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      entries.add(new Tally.Entry<>((T) values[i], counts[i]));
    }
    return new Tally<>(entries, others);
  }
}
