package org.abuseloop.detect;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * The distinct rule's state: an exact set of at most N values (N the threshold), each as a 64-bit
 * hash with the time it was last seen, how often it came and the value itself (for the incident's
 * target list); values older than the window drop out. Once N are held the rule has fired, so a
 * larger set is never needed: a new value then replaces the stalest. Not thread-safe.
 *
 * <p>Per value three longs side by side (hash, last seen, hits): most sets hold a value or two, whose
 * state is then one cache line to fetch, not one per field.
 */
final class DistinctCounter extends Counter {

  private static final int HASH = 0;
  private static final int SEEN = 1;
  private static final int HITS = 2;
  private static final int STRIDE = 3;

  private long[] entries = new long[STRIDE];
  private Object[] shown = new Object[1];
  private final int n;
  private int size;
  /** No held value was seen before this: a lower bound that lets {@link #expire} skip its pass. */
  private long oldest = Long.MAX_VALUE;
  private long since;
  private long events;

  DistinctCounter(int n) {
    this.n = n;
  }

  /** Records {@code value} at {@code t}; true when N distinct values lie within {@code window} ms. */
  boolean offer(long t, long hash, Object value, long window) {
    if (size != 0 && t - oldest > window) {
      expire(t, window);
    }
    if (size == 0) {
      since = t;
      events = 0;
    }
    events++;
    int at = indexOf(hash);
    if (at < 0) {
      int i = size < n ? append() : replaceStalest();
      at = i * STRIDE;
      entries[at + HASH] = hash;
      entries[at + HITS] = 0;
      shown[i] = value;
    }
    entries[at + SEEN] = t;
    entries[at + HITS]++;
    if (t < oldest) {
      oldest = t;
    }
    return size >= n;
  }

  /** The distinct values held. */
  int size() {
    return size;
  }

  /** Each value held with how often it came, oldest first. */
  void forEach(ObjIntConsumer<Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(shown[i], (int) entries[i * STRIDE + HITS]);
    }
  }

  private int append() {
    if (size == shown.length) {
      int len = Math.min(n, shown.length * 2);
      entries = Arrays.copyOf(entries, len * STRIDE);
      shown = Arrays.copyOf(shown, len);
    }
    return size++;
  }

  /**
   * The index of the value seen longest ago (the first of equals), which the caller overwrites; the
   * second oldest time becomes the lower bound, so a full set that keeps replacing does not make every
   * later event run an expiry pass.
   */
  private int replaceStalest() {
    long[] e = entries;
    int s = 0;
    long min = e[SEEN];
    long second = Long.MAX_VALUE;
    for (int j = 1; j < size; j++) {
      long x = e[j * STRIDE + SEEN];
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

  /** Drops the values last seen more than {@code window} ms before {@code t}. */
  private void expire(long t, long window) {
    int kept = 0;
    long newOldest = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      int from = i * STRIDE;
      long when = entries[from + SEEN];
      if (t - when <= window) {
        if (kept != i) {
          int to = kept * STRIDE;
          entries[to + HASH] = entries[from + HASH];
          entries[to + SEEN] = when;
          entries[to + HITS] = entries[from + HITS];
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

  /** The index in {@link #entries} of the value with this hash, or -1. */
  private int indexOf(long hash) {
    long[] e = entries;
    int end = size * STRIDE;
    for (int at = HASH; at < end; at += STRIDE) {
      if (e[at] == hash) {
        return at - HASH;
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
  double progress(Rule rule) {
    return (double) size / n;
  }

  @Override
  void reset() {
    entries = new long[STRIDE];
    shown = new Object[1];
    size = 0;
    oldest = Long.MAX_VALUE;
    events = 0;
  }
}
