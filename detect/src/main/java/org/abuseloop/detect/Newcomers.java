package org.abuseloop.detect;

import java.util.Arrays;
import org.abuseloop.core.Incident.Scope;

/**
 * The keys seen once and not tracked yet: each with its first sighting (its time, its fields as
 * {@link SightingRings.Packed} keeps them, the columns of the rules that counted it and until when it
 * matters), waiting in a bounded table until
 * the key comes again (then the detector tracks it and replays the sighting) or its place is needed.
 * Not thread-safe.
 *
 * <p>Why: in a firewall replay most per-port keys (address and port, /24 and port) are seen once, and a
 * tracked key costs an index entry, a row, a touch-queue entry, slot objects, a ring write and later its
 * expiry or eviction: several cache misses for a key that can never fire. A newcomer costs one
 * entry in this table, written in the set its hash lookup has just read.
 *
 * <p>Laid out by hand (a few-way set-associative table of primitives, {@link #WAYS} ways per set)
 * because a map of entry objects would allocate per key and scatter each lookup over nodes. A set is
 * one run of {@link #SET} longs, field by field ({@link #WAYS} high bits, then low bits, metas, times,
 * ends, columns), and one run of owners: the lookup of a new key reads the first lines of its set's
 * run, its insertion writes the same run, a few adjacent lines in all, where a column per field was
 * one line per field. A meta of 0 (no key has it) marks a free way. The first sightings are not
 * objects either but {@link #SIGHTING} longs and three references per entry, beside the number of
 * their event: a packed sighting object per waiting key was one more object made per event (even for
 * an event whose keys all wait) and kept alive for the minutes its key matters, for young collections
 * to copy.
 * The table grows by doubling from a small start up to about {@code maxKeys} entries (so memory stays
 * bounded, and small for small caps); doubling keeps each old set's entries together in one new set,
 * so growing never overflows a set.
 */
final class Newcomers {

  /** The entries per set: a lookup compares at most this many keys. */
  static final int WAYS = 4;

  /** The longs of a set, and where each field's run of {@link #WAYS} starts in it. */
  private static final int SET = 6 * WAYS;
  private static final int HIGH = 0;
  private static final int LOW = WAYS;
  private static final int META = 2 * WAYS;
  /** The time of the first sighting (the detector's milliseconds). */
  private static final int TIME = 3 * WAYS;
  /** Until when the entry matters: its time plus the longest quiet time of the rules that counted it. */
  private static final int UNTIL = 4 * WAYS;
  /** The columns (in the key's scope) of the rules that counted the first sighting, one bit each. */
  private static final int COLUMNS = 5 * WAYS;
  /** The references of a set: the owners. */
  private static final int REFS = WAYS;
  /** The longs of an entry's first sighting: its packed fields, then the number of its event. */
  private static final int SIGHTING = SightingRings.Packed.LONGS + 1;

  private static final int INITIAL_SETS = 256;

  /** The most sets: about maxKeys entries in all. */
  private final int maxSets;
  private int sets;
  private int shift;
  private long[] cells;
  private Object[] refs;
  /** The first sightings, {@link #SIGHTING} longs and {@link SightingRings.Packed#REFS} references per entry. */
  private long[] sightings;
  private Object[] sightingRefs;
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

  /** The entry holding this key (a set times {@link #WAYS} plus a way), or -1. */
  int find(long h, long l, int m, String o) {
    int set = setOf(h, l, m, o);
    long[] c = cells;
    int base = set * SET;
    for (int way = 0; way < WAYS; way++) {
      if (c[base + HIGH + way] == h && c[base + LOW + way] == l && c[base + META + way] == m
          && (o == null || o.equals(refs[set * REFS + way]))) {
        return set * WAYS + way;
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
      int set = setOf(h, l, m, o);
      int base = set * SET;
      int least = 0;
      for (int way = 0; way < WAYS; way++) {
        if (cells[base + META + way] == 0) {
          return set * WAYS + way;
        }
        if (cells[base + UNTIL + way] < cells[base + UNTIL + least]) {
          least = way;
        }
      }
      if (cells[base + UNTIL + least] < now || sets == maxSets) {
        return set * WAYS + least;
      }
      grow();
    }
  }

  /** True when the entry holds a key whose first sighting still matters at {@code now}. */
  boolean holdsLiveAt(int at, long now) {
    return cells[cell(at, META)] != 0 && cells[cell(at, UNTIL)] >= now;
  }

  /**
   * Writes a key's first sighting {@code s}, of the event numbered {@code event}, counted by the rule in
   * {@code column} until {@code matters}, over the entry.
   */
  void put(int at, long h, long l, int m, String o, long t, long matters, int column, Sighting s, long event) {
    write(at, h, l, m, o, t, matters, 1L << column);
    SightingRings.Packed.store(s, sightings, at * SIGHTING, sightingRefs, at * SightingRings.Packed.REFS);
    sightings[at * SIGHTING + SIGHTING - 1] = event;
  }

  private void write(int at, long h, long l, int m, String o, long t, long matters, long columns) {
    long[] c = cells;
    if (c[cell(at, META)] == 0) {
      size++;
    }
    c[cell(at, HIGH)] = h;
    c[cell(at, LOW)] = l;
    c[cell(at, META)] = m;
    c[cell(at, TIME)] = t;
    c[cell(at, UNTIL)] = matters;
    c[cell(at, COLUMNS)] = columns;
    refs[ref(at)] = o;
  }

  /** Adds a rule that counts the entry's first sighting too (the same event, another column). */
  void addColumn(int at, int column, long matters) {
    cells[cell(at, COLUMNS)] |= 1L << column;
    cells[cell(at, UNTIL)] = Math.max(cells[cell(at, UNTIL)], matters);
  }

  long high(int at) {
    return cells[cell(at, HIGH)];
  }

  long low(int at) {
    return cells[cell(at, LOW)];
  }

  int meta(int at) {
    return (int) cells[cell(at, META)];
  }

  String owner(int at) {
    return (String) refs[ref(at)];
  }

  long time(int at) {
    return cells[cell(at, TIME)];
  }

  long columns(int at) {
    return cells[cell(at, COLUMNS)];
  }

  /** The number of the event of the entry's first sighting. */
  long event(int at) {
    return sightings[at * SIGHTING + SIGHTING - 1];
  }

  /** The entry's first sighting, packed (a new object each time). */
  SightingRings.Packed first(int at) {
    return new SightingRings.Packed(sightings, at * SIGHTING, sightingRefs, at * SightingRings.Packed.REFS);
  }

  /** Frees the entry. */
  void remove(int at) {
    if (cells[cell(at, META)] != 0) {
      size--;
    }
    cells[cell(at, META)] = 0;
    refs[ref(at)] = null;
    Arrays.fill(sightingRefs, at * SightingRings.Packed.REFS, (at + 1) * SightingRings.Packed.REFS, null);
  }

  void clear() {
    Arrays.fill(cells, 0);
    Arrays.fill(refs, null);
    Arrays.fill(sightingRefs, null);
    size = 0;
  }

  /** The place of a field of entry {@code at} (set * WAYS + way) in {@link #cells}. */
  private static int cell(int at, int field) {
    return at / WAYS * SET + field + at % WAYS;
  }

  /** The place of entry {@code at}'s owner in {@link #refs}. */
  private static int ref(int at) {
    return at / WAYS * REFS + at % WAYS;
  }

  private int setOf(long h, long l, int m, String o) {
    // The top bits of a Fibonacci-spread hash (as a long, so one set shifts them all out).
    return (int) (((Key.hash(h, l, m, o) * 0x9E3779B9) & 0xFFFFFFFFL) >>> shift);
  }

  private void allocate(int n) {
    sets = n;
    shift = Integer.numberOfLeadingZeros(n) + 1;
    cells = new long[n * SET];
    refs = new Object[n * REFS];
    sightings = new long[n * WAYS * SIGHTING];
    sightingRefs = new Object[n * WAYS * SightingRings.Packed.REFS];
  }

  /** Doubles the sets; an old set's entries all land in one new set, so none is lost. */
  private void grow() {
    long[] oc = cells;
    Object[] or = refs;
    long[] os = sightings;
    Object[] osr = sightingRefs;
    int oldSets = sets;
    allocate(sets * 2);
    size = 0;
    for (int set = 0; set < oldSets; set++) {
      for (int way = 0; way < WAYS; way++) {
        int b = set * SET + way;
        if (oc[b + META] != 0) {
          String owner = (String) or[set * REFS + way];
          int to = setOf(oc[b + HIGH], oc[b + LOW], (int) oc[b + META], owner) * WAYS;
          while (cells[cell(to, META)] != 0) {
            to++;
          }
          write(to, oc[b + HIGH], oc[b + LOW], (int) oc[b + META], owner, oc[b + TIME], oc[b + UNTIL], oc[b + COLUMNS]);
          int from = set * WAYS + way;
          for (int i = 0; i < SIGHTING; i++) {
            sightings[to * SIGHTING + i] = os[from * SIGHTING + i];
          }
          for (int i = 0; i < SightingRings.Packed.REFS; i++) {
            sightingRefs[to * SightingRings.Packed.REFS + i] = osr[from * SightingRings.Packed.REFS + i];
          }
        }
      }
    }
  }
}
