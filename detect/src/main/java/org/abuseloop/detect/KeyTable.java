package org.abuseloop.detect;

import java.util.Arrays;
import java.util.function.Consumer;
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
 */
final class KeyTable {

  /** How many of the least recently touched keys are compared to pick the coldest. */
  static final int SAMPLE = 8;

  private static final int INITIAL = 1024;

  /** Per index slot: the key's high and low bits, then its meta in the upper half and its number + 1 (0: empty). */
  private static final int STRIDE = 3;

  private long[] index = new long[INITIAL * 2 * STRIDE];
  private int indexMask = INITIAL * 2 - 1;
  private int indexShift = Integer.numberOfLeadingZeros(INITIAL * 2) + 1;
  private int size;
  private final int cap;
  private final int sightingCap;
  private final int listed;
  /** The tracked keys by number; numbers of dropped keys are reused. */
  private Tracked[] byNumber = new Tracked[INITIAL];
  /** The stamp of each key number's latest touch; 0 for a free number (stamps start at 1). */
  private long[] touchedAt = new long[INITIAL];
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
   */
  KeyTable(int cap, int sightingCap, int listed) {
    this.cap = cap;
    this.sightingCap = sightingCap;
    this.listed = listed;
  }

  int size() {
    return size;
  }

  /** The key's state, marked as touched now; null if it is not tracked. */
  Tracked get(Key key) {
    return get(key.high(), key.low(), key.meta(), key.owner());
  }

  /** As {@link #get(Key)}, for the key with these parts (see {@link Key}), without building it. */
  Tracked get(long high, long low, int meta, String owner) {
    int at = slotOf(high, low, meta, owner);
    if (at < 0) {
      return null;
    }
    Tracked t = byNumber[numberAt(at)];
    touch(t);
    return t;
  }

  /** New state for a key not tracked yet, evicting the coldest key first when the table is full. */
  Tracked create(Key key, long now, Consumer<Tracked> evicted) {
    if (size >= cap) {
      evictColdest(now, evicted);
    }
    Tracked t = new Tracked(key, sightingCap, listed);
    t.number = takeNumber();
    insert(key, t.number);
    byNumber[t.number] = t;
    touch(t);
    return t;
  }

  /** Drops the least recently touched keys whose state expired before {@code now} and have no open incident. */
  void expire(long now) {
    while (count > 0) {
      Tracked t = live(head);
      if (t != null) {
        if (t.expiresAt >= now || t.hasOpenIncident()) {
          return;
        }
        remove(t);
      }
      pop();
    }
  }

  void clear() {
    Arrays.fill(index, 0);
    size = 0;
    Arrays.fill(byNumber, null);
    Arrays.fill(touchedAt, 0);
    freeCount = 0;
    numbersUsed = 0;
    head = 0;
    count = 0;
  }

  private void evictColdest(long now, Consumer<Tracked> evicted) {
    Tracked coldest = null;
    double coldestWeight = Double.MAX_VALUE;
    int seen = 0;
    int scanned = 0;
    for (int at = head; scanned < count && seen < SAMPLE; scanned++, at = next(at)) {
      Tracked t = live(at);
      if (t == null) {
        continue;
      }
      sampled[seen] = queued[at];
      sampledStamps[seen] = stamps[at];
      seen++;
      double w = weight(t, now);
      if (coldest == null || w < coldestWeight) {
        coldest = t;
        coldestWeight = w;
      }
    }
    dropStale(scanned, sampled, sampledStamps, seen);
    if (coldest != null) {
      remove(coldest);
      evicted.accept(coldest);
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

  /** The key queued at ring position {@code at} if this entry is its latest touch, else null. */
  private Tracked live(int at) {
    return isLive(at) ? byNumber[queued[at]] : null;
  }

  /** True when the entry at ring position {@code at} is its key's latest touch (one array read). */
  private boolean isLive(int at) {
    return touchedAt[queued[at]] == stamps[at];
  }

  private void touch(Tracked t) {
    long stamp = ++clock;
    touchedAt[t.number] = stamp;
    if (count == queued.length) {
      compact();
    }
    int at = head + count;
    if (at >= queued.length) {
      at -= queued.length;
    }
    queued[at] = t.number;
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

  private void remove(Tracked t) {
    delete(slotOf(t.key.high(), t.key.low(), t.key.meta(), t.key.owner()));
    byNumber[t.number] = null;
    touchedAt[t.number] = 0;
    if (freeCount == freeNumbers.length) {
      freeNumbers = Arrays.copyOf(freeNumbers, freeCount * 2);
    }
    freeNumbers[freeCount++] = t.number;
  }

  private int takeNumber() {
    if (freeCount > 0) {
      return freeNumbers[--freeCount];
    }
    if (numbersUsed == byNumber.length) {
      byNumber = Arrays.copyOf(byNumber, numbersUsed * 2);
      touchedAt = Arrays.copyOf(touchedAt, numbersUsed * 2);
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
          && (owner == null || owner.equals(byNumber[(int) tag - 1].key.owner()))) {
        return at;
      }
    }
  }

  private int numberAt(int at) {
    return (int) index[at * STRIDE + 2] - 1;
  }

  /** Indexes a new key; its number must not be in {@link #byNumber} yet (a growing index re-adds those). */
  private void insert(Key key, int number) {
    if ((size + 1) * 2 > indexMask + 1) {
      growIndex();
    }
    place(key, number);
    size++;
  }

  private void place(Key key, int number) {
    int at = home(key.high(), key.low(), key.meta(), key.owner());
    while ((int) index[at * STRIDE + 2] != 0) {
      at = (at + 1) & indexMask;
    }
    int base = at * STRIDE;
    index[base] = key.high();
    index[base + 1] = key.low();
    index[base + 2] = ((long) key.meta() << 32) | (number + 1L);
  }

  /** Empties a slot and moves later entries of its probe run back, so no lookup needs a tombstone. */
  private void delete(int at) {
    long[] ix = index;
    int hole = at;
    for (int next = (hole + 1) & indexMask; (int) ix[next * STRIDE + 2] != 0; next = (next + 1) & indexMask) {
      int base = next * STRIDE;
      Key k = byNumber[(int) ix[base + 2] - 1].key;
      int home = home(k.high(), k.low(), k.meta(), k.owner());
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
    int slots = (indexMask + 1) * 2;
    index = new long[slots * STRIDE];
    indexMask = slots - 1;
    indexShift = Integer.numberOfLeadingZeros(slots) + 1;
    for (int n = 0; n < numbersUsed; n++) {
      if (byNumber[n] != null) {
        place(byNumber[n].key, n);
      }
    }
  }

  /** The key's first probe: its hash, spread by a Fibonacci multiplication over the table's bits. */
  private int home(long high, long low, int meta, String owner) {
    int h = Key.hash(high, low, meta, owner);
    return (h * 0x9E3779B9) >>> indexShift;
  }

  /** Expired state weighs -1, open incidents 2 and more, else the progress toward firing (0 to 1). */
  private static double weight(Tracked t, long now) {
    boolean open = t.hasOpenIncident();
    if (!open && t.expiresAt < now) {
      return -1;
    }
    return open ? 2 + t.progress() : t.progress();
  }
}
