package org.abuseloop.detect;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tracked keys, capped: a map in access order whose head holds the keys touched longest ago.
 * Keys whose state no longer matters are dropped from the head as time passes; when the cap is
 * reached, the coldest of the few least recently touched keys is evicted: one whose state expired
 * first, then the one furthest from firing any scenario, a key with an open incident last. So a
 * flood of one-shot addresses evicts itself rather than the few sources that attack for real. Not
 * thread-safe.
 *
 * <p>A {@code LinkedHashMap} rather than a cache library: eviction must happen synchronously inside
 * {@code put} (no maintenance thread, so the cap is never exceeded even briefly) and must report the
 * evicted key's open incidents, with the detector's own notion of "cold".
 */
final class KeyTable {

  /** How many of the least recently touched keys are compared to pick the coldest. */
  static final int SAMPLE = 8;

  private final Map<Key, Tracked> map = new LinkedHashMap<>(1024, 0.75f, true);
  private final int cap;
  private final int sightingCap;
  private final int listed;

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
    return map.get(key);
  }

  /** New state for a key not tracked yet, evicting the coldest key first when the table is full. */
  Tracked create(Key key, long now, Consumer<Tracked> evicted) {
    if (map.size() >= cap) {
      evictColdest(now, evicted);
    }
    Tracked t = new Tracked(key, sightingCap, listed);
    map.put(key, t);
    return t;
  }

  /** Drops keys from the head whose state expired before {@code now} and have no open incident. */
  void expire(long now) {
    Iterator<Tracked> it = map.values().iterator();
    while (it.hasNext()) {
      Tracked t = it.next();
      if (t.expiresAt >= now || t.hasOpenIncident()) {
        return;
      }
      it.remove();
    }
  }

  void clear() {
    map.clear();
  }

  private void evictColdest(long now, Consumer<Tracked> evicted) {
    Iterator<Tracked> it = map.values().iterator();
    Tracked coldest = null;
    double coldestWeight = Double.MAX_VALUE;
    for (int i = 0; i < SAMPLE && it.hasNext(); i++) {
      Tracked t = it.next();
      double w = weight(t, now);
      if (coldest == null || w < coldestWeight) {
        coldest = t;
        coldestWeight = w;
      }
    }
    if (coldest != null) {
      map.remove(coldest.key);
      evicted.accept(coldest);
    }
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
