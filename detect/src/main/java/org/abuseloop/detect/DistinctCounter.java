package org.abuseloop.detect;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * A key's slot under a distinct rule, or a slot's set of distinct sources: an exact set of at most N values (N the threshold), each as a 64-bit
 * hash with the time it was last seen, how often it came and the value itself (for the incident's
 * target list); values older than the window drop out. Once N are held the rule has fired, so a
 * larger set is never needed: a new value then replaces the stalest. Not thread-safe.
 *
 * <p>Laid out by hand in one {@code long[]} of three runs (the hashes, then the times last seen, then
 * the hits), each as long as the set's capacity: a lookup scans the hashes alone, eight to a cache
 * line, and expiry the times alone; a set of a value or two is still one small array.
 */
final class DistinctCounter extends Slot {

  private long[] cells = new long[3];
  /** The capacity: the length of each run in {@link #cells}. */
  private int capacity = 1;
  private Object[] shown = new Object[1];
  private final int n;
  private int size;
  /** No held value was seen before this: a lower bound that lets {@link #expire} skip its pass. */
  private long oldest = Long.MAX_VALUE;
  /** The time of the latest offer: every held value was seen at or before it. */
  private long newest;
  private long since;
  private long events;

  /** A set of distinct sources (no rule of its own). */
  DistinctCounter(int n) {
    this(null, null, n);
  }

  DistinctCounter(Rule rule, DistinctCounter sources, int n) {
    super(rule, sources);
    this.n = n;
  }

  /** Records the sighting's counted value; its object (a boxed port, say) is made only when the value is new. */
  @Override
  boolean count(long t, Sighting s) {
    int i = place(t, rule.distinctHash(s), rule.windowMs);
    if (i < 0) {
      i = ~i;
      shown[i] = rule.value(s);
    }
    return seen(i, t);
  }

  /** Records {@code value} at {@code t}; true when N distinct values lie within {@code window} ms. */
  boolean offer(long t, long hash, Object value, long window) {
    int i = place(t, hash, window);
    if (i < 0) {
      i = ~i;
      shown[i] = value;
    }
    return seen(i, t);
  }

  /**
   * Drops the values out of the window at {@code t} and finds the value with this hash: its index, or
   * the complement of the index made for it (a new value, not seen yet: the caller stores it there).
   */
  private int place(long t, long hash, long window) {
    if (size != 0 && t - oldest > window) {
      if (t - newest > window) {
        dropAll();
      } else {
        expire(t, window);
      }
    }
    if (size == 0) {
      since = t;
      events = 0;
    }
    events++;
    int i = indexOf(hash);
    if (i >= 0) {
      return i;
    }
    i = size < n ? append() : replaceStalest();
    cells[i] = hash;
    cells[2 * capacity + i] = 0;
    return ~i;
  }

  /** Marks the value at {@code i} seen at {@code t}; true when the set is full. */
  private boolean seen(int i, long t) {
    long[] c = cells;
    c[capacity + i] = t;
    c[2 * capacity + i]++;
    if (t < oldest) {
      oldest = t;
    }
    newest = t;
    return size >= n;
  }

  /** The distinct values held. */
  int size() {
    return size;
  }

  /** Each value held with how often it came, oldest first. */
  void forEach(ObjIntConsumer<Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(shown[i], (int) cells[2 * capacity + i]);
    }
  }

  private int append() {
    if (size == capacity) {
      int grown = Math.min(n, capacity * 2);
      long[] c = new long[3 * grown];
      for (int run = 0; run < 3; run++) {
        for (int i = 0; i < size; i++) {
          c[run * grown + i] = cells[run * capacity + i];
        }
      }
      cells = c;
      capacity = grown;
      shown = Arrays.copyOf(shown, grown);
    }
    return size++;
  }

  /**
   * The index of the value seen longest ago (the first of equals), which the caller overwrites; the
   * second oldest time becomes the lower bound, so a full set that keeps replacing does not make every
   * later event run an expiry pass.
   */
  private int replaceStalest() {
    long[] c = cells;
    int seen = capacity;
    int s = 0;
    long min = c[seen];
    long second = Long.MAX_VALUE;
    for (int j = 1; j < size; j++) {
      long x = c[seen + j];
      if (x < min) {
        second = min;
        min = x;
        s = j;
      } else if (x < second) {
        second = x;
      }
    }
    oldest = second;
    return s;
  }

  /**
   * Drops every value: all were last seen more than the window before now, which the latest offer's
   * time tells without reading the times (a key that comes back after a quiet spell, the usual case
   * for the many keys seen now and then, costs no pass over its set). The values' objects stay in
   * {@link #shown} until new values overwrite them (no more than the set held a moment ago): clearing
   * them was a write to one more cold array, 2% of a firewall replay.
   */
  private void dropAll() {
    size = 0;
    oldest = Long.MAX_VALUE;
  }

  /** Drops the values last seen more than {@code window} ms before {@code t}. */
  private void expire(long t, long window) {
    long[] c = cells;
    int seen = capacity;
    int hits = 2 * capacity;
    int kept = 0;
    long newOldest = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      long when = c[seen + i];
      if (t - when <= window) {
        if (kept != i) {
          c[kept] = c[i];
          c[seen + kept] = when;
          c[hits + kept] = c[hits + i];
          shown[kept] = shown[i];
        }
        newOldest = Math.min(newOldest, when);
        kept++;
      }
    }
    Arrays.fill(shown, kept, size, null);
    size = kept;
    oldest = newOldest;
  }

  /** The index of the value with this hash, or -1. */
  private int indexOf(long hash) {
    long[] c = cells;
    for (int i = 0, end = size; i < end; i++) {
      if (c[i] == hash) {
        return i;
      }
    }
    return -1;
  }

  @Override
  long since() {
    return since;
  }

  @Override
  long events() {
    return events;
  }

  @Override
  double countProgress() {
    return (double) size / n;
  }

  @Override
  void resetCount() {
    cells = new long[3];
    capacity = 1;
    shown = new Object[1];
    size = 0;
    oldest = Long.MAX_VALUE;
    events = 0;
  }
}
