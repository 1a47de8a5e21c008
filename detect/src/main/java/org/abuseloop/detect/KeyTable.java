package org.abuseloop.detect;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.abuseloop.core.Incident.Scope;

/**
 * The tracked keys, capped, in the order they were last touched: keys whose state no longer matters
 * are dropped from the least recently touched end as time passes; when the cap is reached, the
 * coldest of the few least recently touched keys is evicted: one whose state expired first, then the
 * one furthest from firing any scenario, a key with an open incident last. So a flood of one-shot
 * addresses evicts itself rather than the few sources that attack for real. Not thread-safe.
 *
 * <p>Written by hand rather than a cache library: eviction must happen synchronously on insertion (no
 * maintenance thread, so the cap is never exceeded even briefly) and must report the evicted key's
 * open incidents, with the detector's own notion of "cold". The touch order is not a
 * {@code LinkedHashMap} in access order, which relinks three entries on every hit (several touches per
 * event, each a scattered write): a touch stamps the key with a counter and appends (key number,
 * stamp) to a queue of primitives; an entry whose stamp is no longer its key's is skipped and dropped,
 * and the queue is compacted when it fills. The order of the live entries is exactly the access order.
 *
 * <p>The index is an open-addressing table of primitives (linear probing, backward-shift deletion)
 * rather than a {@code HashMap<Key, Tracked>}: a lookup compares the key's bits where they lie in one
 * array, so the detector finds a key without building a {@link Key} and without following a node and
 * a key object per probe (the hash map's pointer chase was the largest cost of a replay).
 *
 * <p>A key's state is not an object but a number: what an event reads and writes per key (expiry,
 * touch stamp, ring cursor) is one row of {@link #ROW} longs, its slots a row of one {@code Slot[]} in
 * which each scenario has a fixed column (its place among its scope's scenarios, so finding the slot is
 * one array read, not a search comparing each slot's rule), its last sightings a run of
 * {@link SightingRings}; its parts, read only to delete or re-index it, are columns. Written by hand
 * because no library keeps per-key rows of mixed state in flat arrays: the per-key objects (the tracked
 * state, its ring, its slot list) were each a dependent read per counted event and long-lived objects
 * that every collection copied or traced, and a column per field (the layout before) was one cache
 * miss per field per counted key, the hot fields being read together at random key numbers.
 */
final class KeyTable {

  /** How many of the least recently touched keys are compared to pick the coldest. */
  static final int SAMPLE = 8;

  private static final int INITIAL = 1024;

  /** Per index slot: the key's high and low bits, then its meta in the upper half and its number + 1 (0: empty). */
  private static final int STRIDE = 3;

  /** The longs of a key's hot row, and their places in it (see {@link #rows}). */
  private static final int ROW = 4;
  private static final int EXPIRES = 0;
  private static final int TOUCHED = 1;
  private static final int CURSOR = 2;
  private static final int MADE = 3;

  private long[] index = new long[INITIAL * 2 * STRIDE];
  private int indexMask = INITIAL * 2 - 1;
  private int indexShift = Integer.numberOfLeadingZeros(INITIAL * 2) + 1;
  private int size;
  private final int cap;
  private final int listed;
  /** The most scenarios one key can count under: the width of a key's row of slots. */
  private final int slotsPerKey;
  // The state of each key, by key number (numbers of dropped keys are reused): columns, not objects.
  private long[] keyHigh = new long[INITIAL];
  private long[] keyLow = new long[INITIAL];
  private int[] keyMeta = new int[INITIAL];
  /** The network owner of an owner key, else null. */
  private String[] keyOwner = new String[INITIAL];
  /**
   * Each key's hot row, {@link #ROW} longs from {@code number * ROW}: until when its state matters
   * ({@link #EXPIRES}: its latest event plus the longest quiet time that counted it), the stamp of its
   * latest touch ({@link #TOUCHED}, 0 for a free number: stamps start at 1), its sighting ring's cursor
   * ({@link #CURSOR}) and how many slots it has ({@link #MADE}). One row, so a counted key costs one
   * miss here where three columns cost three.
   */
  private long[] rows = new long[INITIAL * ROW];
  /** The key's slots, {@link #slotsPerKey} places per key: the scenario's column within its scope, null until it counts the key. */
  private Slot[] slots;
  /** The columns of the key's slots in the order they were made (its open incidents close in that order). */
  private char[] made;
  private final SightingRings sightings;
  private int[] freeNumbers = new int[INITIAL];
  private int freeCount;
  private int numbersUsed;
  /** The touch queue, a ring of {@code count} entries from {@code head}: key numbers and stamps. */
  private int[] queued = new int[INITIAL];
  private long[] stamps = new long[INITIAL];
  private int head;
  private int count;
  private long clock;
  /** The entries an eviction compares (reused: one eviction per new key once the table is full). */
  private final int[] sampled = new int[SAMPLE];
  private final long[] sampledStamps = new long[SAMPLE];

  /**
   * @param sightingCap the sightings kept per key
   * @param listed the distinct sources an aggregate key lists
   * @param slotsPerKey the most scenarios that can count one key
   */
  KeyTable(int cap, int sightingCap, int listed, int slotsPerKey) {
    this.cap = cap;
    this.listed = listed;
    this.slotsPerKey = Math.max(1, slotsPerKey);
    if (this.slotsPerKey > Character.MAX_VALUE) {
      throw new IllegalArgumentException("scenarios per scope: " + slotsPerKey);
    }
    this.slots = new Slot[INITIAL * this.slotsPerKey];
    this.made = new char[INITIAL * this.slotsPerKey];
    this.sightings = new SightingRings(sightingCap);
    sightings.ensure(INITIAL);
  }

  int size() {
    return size;
  }

  /** The number of the key, marked as touched now; -1 if it is not tracked. */
  int find(Key key) {
    return find(key.high(), key.low(), key.meta(), key.owner());
  }

  /** As {@link #find(Key)}, for the key with these parts (see {@link Key}), without building it. */
  int find(long high, long low, int meta, String owner) {
    int at = slotOf(high, low, meta, owner);
    if (at < 0) {
      return -1;
    }
    int number = numberAt(at);
    touch(number);
    return number;
  }

  /** Tracks a key not tracked yet, evicting the coldest key first when the table is full; returns its number. */
  int create(Key key, long now, IntConsumer evicted) {
    return create(key.high(), key.low(), key.meta(), key.owner(), now, evicted);
  }

  /**
   * As {@link #create(Key, long, IntConsumer)} for the key with these parts. {@code evicted} gets the
   * evicted key's number while its state is still there (its slots and incidents).
   */
  int create(long high, long low, int meta, String owner, long now, IntConsumer evicted) {
    if (size >= cap) {
      evictColdest(now, evicted);
    }
    int number = takeNumber();
    keyHigh[number] = high;
    keyLow[number] = low;
    keyMeta[number] = meta;
    keyOwner[number] = owner;
    int row = number * ROW;
    rows[row + EXPIRES] = Long.MIN_VALUE;
    rows[row + CURSOR] = 0;
    rows[row + MADE] = 0;
    insert(high, low, meta, owner, number);
    touch(number);
    return number;
  }

  /** The key with this number (built: for incidents and tests, not for each event). */
  Key key(int number) {
    return new Key(keyHigh[number], keyLow[number], keyMeta[number], keyOwner[number]);
  }

  long expiresAt(int number) {
    return rows[number * ROW + EXPIRES];
  }

  /** Keeps the key's state at least until {@code t}. */
  void keepUntil(int number, long t) {
    int at = number * ROW + EXPIRES;
    if (t > rows[at]) {
      rows[at] = t;
    }
  }

  /** Adds a sighting to the key's last sightings, once however many rules count it. */
  void see(int number, SightingRings.Packed s) {
    int at = number * ROW + CURSOR;
    rows[at] = sightings.add(number, (int) rows[at], s);
  }

  /** The key's last sightings, oldest first. */
  List<Sighting> recent(int number) {
    return sightings.recent(number, (int) rows[number * ROW + CURSOR]);
  }

  /**
   * The key's slot in {@code column} (the rule's place among the rules of the key's scope, below the
   * {@code slotsPerKey} given at construction), made for {@code rule} when it first counts the key.
   */
  Slot slot(int number, int column, Rule rule) {
    int at = number * slotsPerKey + column;
    Slot s = slots[at];
    if (s == null) {
      s = Slot.of(rule, Key.scopeOf(keyMeta[number]) != Scope.ADDRESS, listed);
      slots[at] = s;
      int n = (int) rows[number * ROW + MADE]++;
      made[number * slotsPerKey + n] = (char) column;
    }
    return s;
  }

  /** True when the key has slots and each has an open incident (none of them needs the key's sightings now). */
  boolean allOpen(int number) {
    if (rows[number * ROW + MADE] == 0) {
      return true;
    }
    for (int at = number * slotsPerKey, end = at + slotsPerKey; at < end; at++) {
      Slot s = slots[at];
      if (s != null && s.incident == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when a slot of the key has an open incident. Scans the slot row itself (one or two lines)
   * rather than the creation order, which would be one more line per key an eviction samples.
   */
  boolean hasOpenIncident(int number) {
    if (rows[number * ROW + MADE] == 0) {
      return false;
    }
    for (int at = number * slotsPerKey, end = at + slotsPerKey; at < end; at++) {
      Slot s = slots[at];
      if (s != null && s.incident != null) {
        return true;
      }
    }
    return false;
  }

  /** The open incidents of the key, in the order its slots were made (for closing them on eviction). */
  List<OpenIncident> openIncidents(int number) {
    List<OpenIncident> out = new ArrayList<>(1);
    int base = number * slotsPerKey;
    for (int i = 0, n = (int) rows[number * ROW + MADE]; i < n; i++) {
      OpenIncident open = slots[base + made[base + i]].incident;
      if (open != null) {
        out.add(open);
      }
    }
    return out;
  }

  /** How close the key is to firing: the largest progress of its scenarios, 0 to 1. */
  double progress(int number) {
    double p = 0;
    for (int at = number * slotsPerKey, end = at + slotsPerKey; at < end; at++) {
      Slot s = slots[at];
      if (s != null) {
        p = Math.max(p, s.progress());
      }
    }
    return p;
  }

  /** Drops the least recently touched keys whose state expired before {@code now} and have no open incident. */
  void expire(long now) {
    while (count > 0) {
      if (isLive(head)) {
        int number = queued[head];
        if (rows[number * ROW + EXPIRES] >= now || hasOpenIncident(number)) {
          return;
        }
        remove(number);
      }
      pop();
    }
  }

  void clear() {
    Arrays.fill(index, 0);
    size = 0;
    Arrays.fill(keyOwner, null);
    Arrays.fill(slots, null);
    sightings.clearAll();
    Arrays.fill(rows, 0);
    freeCount = 0;
    numbersUsed = 0;
    head = 0;
    count = 0;
  }

  private void evictColdest(long now, IntConsumer evicted) {
    int coldest = -1;
    double coldestWeight = Double.MAX_VALUE;
    int seen = 0;
    int scanned = 0;
    for (int at = head; scanned < count && seen < SAMPLE; scanned++, at = next(at)) {
      if (!isLive(at)) {
        continue;
      }
      int number = queued[at];
      sampled[seen] = number;
      sampledStamps[seen] = stamps[at];
      seen++;
      double w = weight(number, now);
      if (coldest < 0 || w < coldestWeight) {
        coldest = number;
        coldestWeight = w;
      }
    }
    dropStale(scanned, sampled, sampledStamps, seen);
    if (coldest >= 0) {
      evicted.accept(coldest);
      remove(coldest);
    }
  }

  /**
   * Drops the stale entries among the first {@code scanned} of the queue, whose live ones (in order)
   * are given: they move up next to the rest, so stale entries never pile up behind keys that stay.
   */
  private void dropStale(int scanned, int[] live, long[] liveStamps, int liveCount) {
    int dropped = scanned - liveCount;
    for (int i = 0; i < dropped; i++) {
      pop();
    }
    for (int i = 0, at = head; i < liveCount; i++, at = next(at)) {
      queued[at] = live[i];
      stamps[at] = liveStamps[i];
    }
  }

  /** True when the entry at ring position {@code at} is its key's latest touch (one array read). */
  private boolean isLive(int at) {
    return rows[queued[at] * ROW + TOUCHED] == stamps[at];
  }

  private void touch(int number) {
    long stamp = ++clock;
    rows[number * ROW + TOUCHED] = stamp;
    if (count == queued.length) {
      compact();
    }
    int at = head + count;
    if (at >= queued.length) {
      at -= queued.length;
    }
    queued[at] = number;
    stamps[at] = stamp;
    count++;
  }

  /** Keeps only the latest touch of each tracked key, in order; grows the queue when they fill half of it. */
  private void compact() {
    int kept = 0;
    int length = queued.length;
    for (int i = 0, at = head; i < count; i++, at = next(at)) {
      if (isLive(at)) {
        int to = head + kept < length ? head + kept : head + kept - length;
        queued[to] = queued[at];
        stamps[to] = stamps[at];
        kept++;
      }
    }
    count = kept;
    if (kept > length / 2) {
      int[] q = new int[length * 2];
      long[] s = new long[length * 2];
      for (int i = 0, at = head; i < count; i++, at = next(at)) {
        q[i] = queued[at];
        s[i] = stamps[at];
      }
      queued = q;
      stamps = s;
      head = 0;
    }
  }

  private int next(int at) {
    return at + 1 == queued.length ? 0 : at + 1;
  }

  private void pop() {
    head = next(head);
    count--;
  }

  private void remove(int number) {
    delete(slotOf(keyHigh[number], keyLow[number], keyMeta[number], keyOwner[number]));
    keyOwner[number] = null;
    Arrays.fill(slots, number * slotsPerKey, number * slotsPerKey + slotsPerKey, null);
    sightings.clear(number);
    rows[number * ROW + TOUCHED] = 0;
    if (freeCount == freeNumbers.length) {
      freeNumbers = Arrays.copyOf(freeNumbers, freeCount * 2);
    }
    freeNumbers[freeCount++] = number;
  }

  private int takeNumber() {
    if (freeCount > 0) {
      return freeNumbers[--freeCount];
    }
    if (numbersUsed == keyHigh.length) {
      int n = numbersUsed * 2;
      keyHigh = Arrays.copyOf(keyHigh, n);
      keyLow = Arrays.copyOf(keyLow, n);
      keyMeta = Arrays.copyOf(keyMeta, n);
      keyOwner = Arrays.copyOf(keyOwner, n);
      rows = Arrays.copyOf(rows, n * ROW);
      slots = Arrays.copyOf(slots, n * slotsPerKey);
      made = Arrays.copyOf(made, n * slotsPerKey);
      sightings.ensure(n);
    }
    return numbersUsed++;
  }

  /** The index slot holding this key, or -1. */
  private int slotOf(long high, long low, int meta, String owner) {
    long[] ix = index;
    for (int at = home(high, low, meta, owner); ; at = (at + 1) & indexMask) {
      int base = at * STRIDE;
      long tag = ix[base + 2];
      if ((int) tag == 0) {
        return -1;
      }
      if (ix[base] == high && ix[base + 1] == low && (int) (tag >>> 32) == meta
          && (owner == null || owner.equals(keyOwner[(int) tag - 1]))) {
        return at;
      }
    }
  }

  private int numberAt(int at) {
    return (int) index[at * STRIDE + 2] - 1;
  }

  /** Indexes a new key; its number must not be live yet (a growing index re-adds those). */
  private void insert(long high, long low, int meta, String owner, int number) {
    if ((size + 1) * 2 > indexMask + 1) {
      growIndex();
    }
    place(high, low, meta, owner, number);
    size++;
  }

  private void place(long high, long low, int meta, String owner, int number) {
    int at = home(high, low, meta, owner);
    while ((int) index[at * STRIDE + 2] != 0) {
      at = (at + 1) & indexMask;
    }
    int base = at * STRIDE;
    index[base] = high;
    index[base + 1] = low;
    index[base + 2] = ((long) meta << 32) | (number + 1L);
  }

  /** Empties a slot and moves later entries of its probe run back, so no lookup needs a tombstone. */
  private void delete(int at) {
    long[] ix = index;
    int hole = at;
    for (int next = (hole + 1) & indexMask; (int) ix[next * STRIDE + 2] != 0; next = (next + 1) & indexMask) {
      int base = next * STRIDE;
      int n = (int) ix[base + 2] - 1;
      int home = home(ix[base], ix[base + 1], (int) (ix[base + 2] >>> 32), keyOwner[n]);
      // The entry may fill the hole unless its home lies cyclically in (hole, next].
      boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (!stays) {
        int to = hole * STRIDE;
        ix[to] = ix[base];
        ix[to + 1] = ix[base + 1];
        ix[to + 2] = ix[base + 2];
        hole = next;
      }
    }
    Arrays.fill(ix, hole * STRIDE, hole * STRIDE + STRIDE, 0);
    size--;
  }

  private void growIndex() {
    int slotsNow = (indexMask + 1) * 2;
    index = new long[slotsNow * STRIDE];
    indexMask = slotsNow - 1;
    indexShift = Integer.numberOfLeadingZeros(slotsNow) + 1;
    for (int n = 0; n < numbersUsed; n++) {
      if (rows[n * ROW + TOUCHED] != 0) {
        place(keyHigh[n], keyLow[n], keyMeta[n], keyOwner[n], n);
      }
    }
  }

  /** The key's first probe: its hash, spread by a Fibonacci multiplication over the table's bits. */
  private int home(long high, long low, int meta, String owner) {
    int h = Key.hash(high, low, meta, owner);
    return (h * 0x9E3779B9) >>> indexShift;
  }

  /** Expired state weighs -1, open incidents 2 and more, else the progress toward firing (0 to 1). */
  private double weight(int number, long now) {
    boolean open = hasOpenIncident(number);
    if (!open && rows[number * ROW + EXPIRES] < now) {
      return -1;
    }
    return open ? 2 + progress(number) : progress(number);
  }
}
