package org.abuseloop.analysis;

import java.util.function.LongBinaryOperator;

/**
 * Counts per 64-bit key in one open-addressing table (linear probing) where each key sits beside its
 * count: the breakdown updates one such cell per event, at a random place of a table of hundreds of
 * thousands, so one cache miss per update instead of two (fastutil's maps keep keys and values in
 * separate arrays, which is why this is written here). Not thread-safe.
 */
final class PairCounts {

  private static final int INITIAL = 1 << 12;

  /** Per slot the key, then its count; a count of 0 marks an empty slot (stored counts are at least 1). */
  private long[] cells = new long[INITIAL * 2];
  private int mask = INITIAL - 1;
  private int size;

  /** Adds one to the count of {@code key}. */
  void increment(long key) {
    long[] c = cells;
    int at = slot(key, mask);
    while (true) {
      int i = at * 2;
      if (c[i + 1] == 0) {
        c[i] = key;
        c[i + 1] = 1;
        if (++size * 2 > mask + 1) {
          grow();
        }
        return;
      }
      if (c[i] == key) {
        c[i + 1]++;
        return;
      }
      at = (at + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  /** Calls {@code action} with each key and its count (the operator's result is ignored), in no order. */
  void forEach(LongBinaryOperator action) {
    for (int i = 0; i < cells.length; i += 2) {
      if (cells[i + 1] != 0) {
        action.applyAsLong(cells[i], cells[i + 1]);
      }
    }
  }

  private void grow() {
    long[] old = cells;
    int slots = (mask + 1) * 2;
    cells = new long[slots * 2];
    mask = slots - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != 0) {
        int at = slot(old[i], mask);
        while (cells[at * 2 + 1] != 0) {
          at = (at + 1) & mask;
        }
        cells[at * 2] = old[i];
        cells[at * 2 + 1] = old[i + 1];
      }
    }
  }

  private static int slot(long key, int mask) {
    long z = key * 0x9E3779B97F4A7C15L;
    return (int) (z ^ (z >>> 32)) & mask;
  }
}
