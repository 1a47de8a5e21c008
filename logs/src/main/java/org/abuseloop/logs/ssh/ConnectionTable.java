package org.abuseloop.logs.ssh;

/**
 * Values by process id, at most a fixed number, the least recently used dropped first: what a
 * {@code LinkedHashMap<Long, V>} in access order with a size cap gives, without boxing the key or a
 * general hash map's indirections on every line. Not thread-safe: one per source.
 *
 * <p>Written by hand because the JDK has no map keyed by a primitive {@code long}, and the sshd
 * parser looks a process id up on every line. Open addressing with linear probing (deletion shifts
 * the following entries back, so no tombstones), and the use order as a doubly linked list.
 */
final class ConnectionTable<V> {

  private final int capacity;
  private final Entry<V>[] slots;
  /** The key of each filled slot, beside it, so a probe reads no entry. */
  private final long[] keys;
  private final int mask;
  /** Least recently used; {@link #newest} the most recently used. */
  private Entry<V> eldest;
  private Entry<V> newest;
  private int size;

  @SuppressWarnings("unchecked")
  ConnectionTable(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
    int n = Integer.highestOneBit(capacity) * 4;
    this.slots = (Entry<V>[]) new Entry<?>[n];
    this.keys = new long[n];
    this.mask = n - 1;
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, now the most recently used, or null. */
  V get(long key) {
    Entry<V> e = slots[find(key)];
    if (e == null) {
      return null;
    }
    touch(e);
    return e.value;
  }

  /**
   * Maps {@code key} to {@code value}, now the most recently used; when that adds a key beyond the
   * capacity, the least recently used is dropped.
   */
  void put(long key, V value) {
    int i = find(key);
    Entry<V> e = slots[i];
    if (e != null) {
      e.value = value;
      touch(e);
      return;
    }
    e = new Entry<>(key, value);
    slots[i] = e;
    keys[i] = key;
    append(e);
    size++;
    if (size > capacity) {
      remove(eldest.key);
    }
  }

  /** Forgets {@code key}, if present. */
  void remove(long key) {
    int i = find(key);
    Entry<V> e = slots[i];
    if (e == null) {
      return;
    }
    unlink(e);
    size--;
    deleteSlot(i);
  }

  /** The slot holding {@code key}, or the empty slot where it would go. */
  private int find(long key) {
    int i = home(key);
    while (slots[i] != null && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private int home(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** Empties slot {@code i} and moves back the entries after it that can no longer be found. */
  private void deleteSlot(int i) {
    int hole = i;
    int j = i;
    slots[hole] = null;
    while (true) {
      j = (j + 1) & mask;
      Entry<V> e = slots[j];
      if (e == null) {
        return;
      }
      int h = home(keys[j]);
      boolean staysPut = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
      if (!staysPut) {
        slots[hole] = e;
        keys[hole] = keys[j];
        slots[j] = null;
        hole = j;
      }
    }
  }

  private void touch(Entry<V> e) {
    if (e != newest) {
      unlink(e);
      append(e);
    }
  }

  private void append(Entry<V> e) {
    e.before = newest;
    e.after = null;
    if (newest == null) {
      eldest = e;
    } else {
      newest.after = e;
    }
    newest = e;
  }

  private void unlink(Entry<V> e) {
    if (e.before == null) {
      eldest = e.after;
    } else {
      e.before.after = e.after;
    }
    if (e.after == null) {
      newest = e.before;
    } else {
      e.after.before = e.before;
    }
    e.before = null;
    e.after = null;
  }

  /** One key and its value, linked in use order. */
  private static final class Entry<V> {
    final long key;
    V value;
    Entry<V> before;
    Entry<V> after;

    Entry(long key, V value) {
      this.key = key;
      this.value = value;
    }
  }
}
