package org.abuseloop.detect;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

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
 */
final class KeyTable {

  /** How many of the least recently touched keys are compared to pick the coldest. */
  static final int SAMPLE = 8;

  private static final int INITIAL = 1024;

  private final Map<Key, Tracked> map = new HashMap<>(INITIAL);
  private final int cap;
  private final int sightingCap;
  private final int listed;
  /** The tracked keys by number; numbers of dropped keys are reused. */
  private Tracked[] byNumber = new Tracked[INITIAL];
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
    return map.size();
  }

  /** The key's state, marked as touched now; null if it is not tracked. */
  Tracked get(Key key) {
    Tracked t = map.get(key);
    if (t != null) {
      touch(t);
    }
    return t;
  }

  /** New state for a key not tracked yet, evicting the coldest key first when the table is full. */
  Tracked create(Key key, long now, Consumer<Tracked> evicted) {
    if (map.size() >= cap) {
      evictColdest(now, evicted);
    }
    Tracked t = new Tracked(key, sightingCap, listed);
    t.number = takeNumber();
    byNumber[t.number] = t;
    map.put(key, t);
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
    map.clear();
    Arrays.fill(byNumber, null);
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
    Tracked t = byNumber[queued[at]];
    return t != null && t.touched == stamps[at] ? t : null;
  }

  private void touch(Tracked t) {
    t.touched = ++clock;
    if (count == queued.length) {
      compact();
    }
    int at = head + count;
    if (at >= queued.length) {
      at -= queued.length;
    }
    queued[at] = t.number;
    stamps[at] = t.touched;
    count++;
  }

  /** Keeps only the latest touch of each tracked key, in order; grows the queue when they fill half of it. */
  private void compact() {
    int kept = 0;
    int length = queued.length;
    for (int i = 0, at = head; i < count; i++, at = next(at)) {
      if (live(at) != null) {
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
    map.remove(t.key);
    byNumber[t.number] = null;
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
    }
    return numbersUsed++;
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
