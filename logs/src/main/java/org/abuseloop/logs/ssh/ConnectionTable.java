package org.abuseloop.logs.ssh;

import it.unimi.dsi.fastutil.longs.Long2ObjectLinkedOpenHashMap;

/**
 * Values by process id, at most a fixed number, the least recently used dropped first: what a
 * {@code LinkedHashMap<Long, V>} in access order with a size cap gives, without boxing the key on
 * every line. Not thread-safe: one per source.
 *
 * <p>fastutil's linked map keyed by a primitive {@code long} keeps the use order; this class only
 * adds the cap.
 */
final class ConnectionTable<V> {

  private final int capacity;
  private final Long2ObjectLinkedOpenHashMap<V> byPid;

  ConnectionTable(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
    this.byPid = new Long2ObjectLinkedOpenHashMap<>(Math.min(capacity, 1024));
  }

  int size() {
    return byPid.size();
  }

  /** The value of {@code key}, now the most recently used, or null. */
  V get(long key) {
    return byPid.getAndMoveToLast(key);
  }

  /**
   * Maps {@code key} to {@code value}, now the most recently used; when that adds a key beyond the
   * capacity, the least recently used is dropped.
   */
  void put(long key, V value) {
    byPid.putAndMoveToLast(key, value);
    if (byPid.size() > capacity) {
      byPid.removeFirst();
    }
  }

  /** Forgets {@code key}, if present. */
  void remove(long key) {
    byPid.remove(key);
  }
}
