package org.abuseloop.detect;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * The distinct rule's state: an exact set of at most N values (N the threshold), each as a 64-bit
 * hash with the time it was last seen, how often it came and the value itself (for the incident's
 * target list); values older than the window drop out. Once N are held the rule has fired, so a
 * larger set is never needed: a new value then replaces the stalest. Not thread-safe.
 */
final class DistinctCounter extends Counter {

  private long[] hashes = new long[1];
  private long[] seen = new long[1];
  private int[] hits = new int[1];
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
    expire(t, window);
    if (size == 0) {
      since = t;
      events = 0;
    }
    events++;
    int i = indexOf(hash);
    if (i < 0) {
      i = size < n ? append() : stalest();
      hashes[i] = hash;
      hits[i] = 0;
      shown[i] = value;
    }
    seen[i] = t;
    hits[i]++;
    oldest = Math.min(oldest, t);
    return size >= n;
  }

  /** The distinct values held. */
  int size() {
    return size;
  }

  /** Each value held with how often it came, oldest first. */
  void forEach(ObjIntConsumer<Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(shown[i], hits[i]);
    }
  }

  private int append() {
    if (size == hashes.length) {
      int len = Math.min(n, hashes.length * 2);
      hashes = Arrays.copyOf(hashes, len);
      seen = Arrays.copyOf(seen, len);
      hits = Arrays.copyOf(hits, len);
      shown = Arrays.copyOf(shown, len);
    }
    return size++;
  }

  private int stalest() {
    int s = 0;
    for (int j = 1; j < size; j++) {
      if (seen[j] < seen[s]) {
        s = j;
      }
    }
    return s;
  }

  /** Drops the values last seen more than {@code window} ms before {@code t}; cheap when none can be. */
  private void expire(long t, long window) {
    if (size == 0 || t - oldest <= window) {
      return;
    }
    int kept = 0;
    long newOldest = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      if (t - seen[i] <= window) {
        hashes[kept] = hashes[i];
        seen[kept] = seen[i];
        hits[kept] = hits[i];
        shown[kept] = shown[i];
        newOldest = Math.min(newOldest, seen[i]);
        kept++;
      }
    }
    Arrays.fill(shown, kept, size, null);
    size = kept;
    oldest = newOldest;
  }

  private int indexOf(long hash) {
    for (int i = 0; i < size; i++) {
      if (hashes[i] == hash) {
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
  double progress(Rule rule) {
    return (double) size / n;
  }

  @Override
  void reset() {
    hashes = new long[1];
    seen = new long[1];
    hits = new int[1];
    shown = new Object[1];
    size = 0;
    oldest = Long.MAX_VALUE;
    events = 0;
  }
}
