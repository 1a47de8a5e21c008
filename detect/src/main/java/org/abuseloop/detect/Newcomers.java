package org.abuseloop.detect;

import java.util.Arrays;
import org.abuseloop.core.Incident.Scope;

/**
 * The keys seen once and not tracked yet: each with its first sighting (time, packed sighting, the
 * columns of the rules that counted it and until when it matters), waiting in a bounded table until
 * the key comes again (then the detector tracks it and replays the sighting) or its place is needed.
 * Not thread-safe.
 *
 * <p>Why: in a firewall replay most per-port keys (address and port, /24 and port) are seen once, and a
 * tracked key costs an index entry, a row, a touch-queue entry, slot objects, a ring write and later its
 * expiry or eviction: several cache misses for a key that can never fire. A newcomer costs one
 * entry in this table, written in the set its hash lookup has just read.
 *
 * <p>Laid out by hand (a few-way set-associative table of primitives in flat arrays, {@link #WAYS} ways
 * per set) because a map of entry objects would allocate per key and scatter each lookup over nodes:
 * here a lookup and its insertion read and write the same few lines. The table grows by doubling from a
 * small start up to about {@code maxKeys} entries (so memory stays bounded, and small for small caps);
 * doubling keeps each old set's entries together in one new set, so growing never overflows a set.
 */
final class Newcomers {

  /** The entries per set: a lookup compares at most this many keys. */
  static final int WAYS = 4;

  private static final int INITIAL_SETS = 256;

  /** The most sets: about maxKeys entries in all. */
  private final int maxSets;
  private int sets;
  private int shift;
  private long[] high;
  private long[] low;
  private int[] meta;
  private String[] owner;
  /** The time of the first sighting (the detector's milliseconds). */
  private long[] time;
  /** Until when the entry matters: its time plus the longest quiet time of the rules that counted it. */
  private long[] until;
  /** The columns (in the key's scope) of the rules that counted the first sighting, one bit each. */
  private long[] columns;
  /** The first sighting; null for a free entry. */
  private SightingRings.Packed[] first;
  private int size;

  /** @param maxKeys the detector's key cap: the table holds at most about as many newcomers */
  Newcomers(int maxKeys) {
    int most = Integer.highestOneBit(Math.max(WAYS, Math.min(maxKeys, 1 << 26)) - 1) << 1;
    this.maxSets = Math.max(1, most / WAYS);
    allocate(Math.min(INITIAL_SETS, maxSets));
  }

  /**
   * True when a rule can let a key's first sighting wait here: its slot can not fire on one event (a
   * threshold or distinct count of at least 2, any bucket, whose overflow needs capacity + 1 events;
   * or, for a prefix or owner key, at least 2 distinct sources), and its column fits the bit set.
   */
  static boolean canWait(Rule rule, Scope scope, int column) {
    if (column >= Long.SIZE) {
      return false;
    }
    Scenario s = rule.scenario;
    boolean oneEventFires = switch (s.type()) {
      case THRESHOLD, DISTINCT -> s.count() <= 1;
      case LEAKY -> false;
    };
    return !oneEventFires || (scope != Scope.ADDRESS && s.minSources() > 1);
  }

  int size() {
    return size;
  }

  /** The entry holding this key, or -1. */
  int find(long h, long l, int m, String o) {
    int base = setOf(h, l, m, o) * WAYS;
    for (int at = base; at < base + WAYS; at++) {
      if (first[at] != null && high[at] == h && low[at] == l && meta[at] == m
          && (o == null || o.equals(owner[at]))) {
        return at;
      }
    }
    return -1;
  }

  /**
   * An entry for a key that {@link #find} did not find: a free one; else, the table growing when it
   * may, a new one; else the entry of the key that matters least long (the caller promotes or drops
   * that occupant before {@link #put}: see {@link #holdsLiveAt}).
   */
  int placeFor(long h, long l, int m, String o, long now) {
    while (true) {
      int base = setOf(h, l, m, o) * WAYS;
      int least = base;
      for (int at = base; at < base + WAYS; at++) {
        if (first[at] == null) {
          return at;
        }
        if (until[at] < until[least]) {
          least = at;
        }
      }
      if (until[least] < now || sets == maxSets) {
        return least;
      }
      grow();
    }
  }

  /** True when the entry holds a key whose first sighting still matters at {@code now}. */
  boolean holdsLiveAt(int at, long now) {
    return first[at] != null && until[at] >= now;
  }

  /** Writes a key's first sighting, counted by the rule in {@code column} until {@code matters}, over the entry. */
  void put(int at, long h, long l, int m, String o, long t, long matters, int column, SightingRings.Packed s) {
    if (first[at] == null) {
      size++;
    }
    high[at] = h;
    low[at] = l;
    meta[at] = m;
    owner[at] = o;
    time[at] = t;
    until[at] = matters;
    columns[at] = 1L << column;
    first[at] = s;
  }

  /** Adds a rule that counts the entry's first sighting too (the same event, another column). */
  void addColumn(int at, int column, long matters) {
    columns[at] |= 1L << column;
    until[at] = Math.max(until[at], matters);
  }

  long high(int at) {
    return high[at];
  }

  long low(int at) {
    return low[at];
  }

  int meta(int at) {
    return meta[at];
  }

  String owner(int at) {
    return owner[at];
  }

  long time(int at) {
    return time[at];
  }

  long columns(int at) {
    return columns[at];
  }

  SightingRings.Packed first(int at) {
    return first[at];
  }

  /** Frees the entry. */
  void remove(int at) {
    if (first[at] != null) {
      size--;
    }
    first[at] = null;
    owner[at] = null;
  }

  void clear() {
    Arrays.fill(first, null);
    Arrays.fill(owner, null);
    size = 0;
  }

  private int setOf(long h, long l, int m, String o) {
    // The top bits of a Fibonacci-spread hash (as a long, so one set shifts them all out).
    return (int) (((Key.hash(h, l, m, o) * 0x9E3779B9) & 0xFFFFFFFFL) >>> shift);
  }

  private void allocate(int n) {
    sets = n;
    shift = Integer.numberOfLeadingZeros(n) + 1;
    int entries = n * WAYS;
    high = new long[entries];
    low = new long[entries];
    meta = new int[entries];
    owner = new String[entries];
    time = new long[entries];
    until = new long[entries];
    columns = new long[entries];
    first = new SightingRings.Packed[entries];
  }

  /** Doubles the sets; an old set's entries all land in one new set, so none is lost. */
  private void grow() {
    long[] oh = high;
    long[] ol = low;
    int[] om = meta;
    String[] oo = owner;
    long[] ot = time;
    long[] ou = until;
    long[] oc = columns;
    SightingRings.Packed[] of = first;
    allocate(sets * 2);
    size = 0;
    for (int i = 0; i < of.length; i++) {
      if (of[i] != null) {
        int base = setOf(oh[i], ol[i], om[i], oo[i]) * WAYS;
        int at = base;
        while (first[at] != null) {
          at++;
        }
        put(at, oh[i], ol[i], om[i], oo[i], ot[i], ou[i], 0, of[i]);
        columns[at] = oc[i];
      }
    }
  }
}
