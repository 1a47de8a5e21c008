package org.abuseloop.detect;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * A key's slot under a distinct rule, or a slot's set of distinct sources: an exact set of at most N
 * values (N the threshold), each as a 64-bit hash with the time it was last seen, how often it came
 * and the value itself (for the incident's target list); values older than the window drop out. Once
 * N are held the rule has fired, so a larger set is never needed: a new value then replaces the
 * stalest. Not thread-safe.
 *
 * <p>Laid out by hand. A set that has held one value at a time keeps it in four fields of this object
 * ({@link #cells} null): in a firewall replay 85% of the sets a rule keeps, and 98% of an aggregate's
 * source sets, never hold two (most per-port keys are seen once), and two arrays per set were two
 * more allocations, cache lines and objects for the collector to copy. A set that grows moves to one
 * {@code long[]} of three runs (the hashes, then the times last seen, then the hits), each as long as
 * the set's capacity (a lookup scans the hashes alone, eight to a cache line, and expiry the times
 * alone), and an {@code Object[]} of the values; a reset goes back to the fields.
 *
 * <p>Expiry is lazy but exact: a value whose time left the window stays where it is, dead (its time
 * tells it: older than the window before the latest offer), and is skipped by lookups and listings;
 * an expiry pass only counts the live values and finds the oldest, reading the times and nothing
 * else. Dead places are reclaimed when an append reaches the end of the arrays: the live values move
 * up in order, so the live ones always stand in the order an eagerly compacted set would hold them.
 *
 * <p>While the slot's incident is open (or the incident of the slot whose sources this set counts),
 * nothing lists the values, hits, burst start or count (the incident read them when it opened, and its
 * close resets the set): only the number live counts, for the key's progress, which eviction reads
 * now and then. So the set then becomes a {@link RecentValues}, built from the live values at the first
 * offer after the incident opened, which keeps that number with constant work per offer where this
 * one scans; and the offers are not even handed to it one by one: they are appended to a small buffer
 * (hash, time) that is handed over in bulk when it fills or when the number is read. The open
 * incidents' sets are many (every swept port of every sweeping source), and an offer that touched
 * the set's own arrays was several cache misses; appending touches one line of the buffer.
 */
final class DistinctCounter extends Slot {

  /** The runs of a set that held two values at once, else null (the value is in the fields below). */
  private long[] cells;
  private Object[] shown;
  /** The capacity: the length of each run in {@link #cells}, 1 for the fields. */
  private int capacity = 1;
  private long onlyHash;
  private long onlySeen;
  private long onlyHits;
  private Object onlyValue;
  private final int n;
  /** The live values: those seen within the window before the latest offer. */
  private int size;
  /** The places used in the arrays, live and dead (array mode only). */
  private int end;
  /** The window the set was last offered with (the same for every offer to one set). */
  private long window;
  /** No held value was seen before this: a lower bound that lets {@link #expire} skip its pass. */
  private long oldest = Long.MAX_VALUE;
  /** The time of the latest offer: every held value was seen at or before it. */
  private long newest;
  private long since;
  private long events;
  /** The set while an incident is open (see {@link #offerOpen}), else null. */
  private RecentValues open;
  /** The offers not handed to {@link #open} yet, a hash and a time each, in order; null with it. */
  private long[] pending;
  private int pendingEnd;
  /** The offers a buffer holds before they are handed over. */
  private static final int PENDING = 16;

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
    if (incident != null) {
      offerOpen(t, rule.distinctHash(s), rule.windowMs);
      return false;
    }
    int i = place(t, rule.distinctHash(s), rule.windowMs);
    if (i < 0) {
      i = ~i;
      show(i, rule.value(s));
    }
    return seen(i, t);
  }

  /** Records {@code value} at {@code t}; true when N distinct values lie within {@code window} ms. */
  boolean offer(long t, long hash, Object value, long window) {
    int i = place(t, hash, window);
    if (i < 0) {
      i = ~i;
      show(i, value);
    }
    return seen(i, t);
  }

  /**
   * Records a value while the incident that reads this set is open: only {@link #size} (and so the
   * progress) stays meaningful until {@link #reset}; the values, hits, {@link #since} and {@link
   * #events} are those of the moment the incident opened.
   */
  void offerOpen(long t, long hash, long window) {
    if (open == null) {
      open = recentValues();
      pending = new long[2 * PENDING];
      this.window = window;
    }
    long[] p = pending;
    int at = pendingEnd;
    p[at] = hash;
    p[at + 1] = t;
    pendingEnd = at + 2;
    if (at + 2 == p.length) {
      handOver();
    }
  }

  /** Hands the buffered offers to {@link #open}, in order. */
  private void handOver() {
    long[] p = pending;
    for (int at = 0; at < pendingEnd; at += 2) {
      open.offer(p[at + 1], p[at], window);
    }
    pendingEnd = 0;
  }

  /** The live values now, oldest first (equal times in the set's order), as a {@link RecentValues}. */
  private RecentValues recentValues() {
    RecentValues recent = new RecentValues(n);
    if (cells == null) {
      if (size == 1) {
        recent.offer(onlySeen, onlyHash, window);
      }
      return recent;
    }
    int[] live = new int[end];
    int count = 0;
    for (int i = 0; i < end; i++) {
      long when = cells[capacity + i];
      if (newest - when <= window) {
        int j = count++;
        for (; j > 0 && cells[capacity + live[j - 1]] > when; j--) {
          live[j] = live[j - 1];
        }
        live[j] = i;
      }
    }
    for (int j = 0; j < count; j++) {
      recent.offer(cells[capacity + live[j]], cells[live[j]], window);
    }
    return recent;
  }

  /**
   * Drops the values out of the window at {@code t} and finds the value with this hash: its index, or
   * the complement of the index made for it (a new value, not seen yet: the caller stores it there).
   */
  private int place(long t, long hash, long window) {
    this.window = window;
    if (size != 0 && t - oldest > window) {
      if (t - newest > window) {
        dropAll();
      } else {
        expire(t, window);
      }
    }
    // From here on, liveness is judged at t (the reclaiming and the replacing below read it).
    newest = t;
    if (size == 0) {
      since = t;
      events = 0;
    }
    events++;
    int i = indexOf(hash, t, window);
    if (i >= 0) {
      return i;
    }
    i = size < n ? append() : replaceStalest();
    if (cells == null) {
      onlyHash = hash;
      onlyHits = 0;
    } else {
      cells[i] = hash;
      cells[2 * capacity + i] = 0;
    }
    return ~i;
  }

  private void show(int i, Object value) {
    if (cells == null) {
      onlyValue = value;
    } else {
      shown[i] = value;
    }
  }

  /** Marks the value at {@code i} seen at {@code t}; true when the set is full. */
  private boolean seen(int i, long t) {
    long[] c = cells;
    if (c == null) {
      onlySeen = t;
      onlyHits++;
    } else {
      c[capacity + i] = t;
      c[2 * capacity + i]++;
    }
    if (t < oldest) {
      oldest = t;
    }
    newest = t;
    return size >= n;
  }

  /** The distinct values held. */
  int size() {
    if (open == null) {
      return size;
    }
    handOver();
    return open.size();
  }

  /** Each value held with how often it came, oldest first. */
  void forEach(ObjIntConsumer<Object> action) {
    if (cells == null) {
      if (size == 1) {
        action.accept(onlyValue, (int) onlyHits);
      }
      return;
    }
    long[] c = cells;
    for (int i = 0; i < end; i++) {
      if (newest - c[capacity + i] <= window) {
        action.accept(shown[i], (int) c[2 * capacity + i]);
      }
    }
  }

  /**
   * The index of a new value at the end: the fields for the first, else the arrays (made when a second
   * value comes), after their dead places are reclaimed or, when all are live, grown.
   */
  private int append() {
    if (cells == null) {
      if (size == 0) {
        return size++;
      }
      long[] c = new long[3 * 2];
      c[0] = onlyHash;
      c[2] = onlySeen;
      c[4] = onlyHits;
      shown = new Object[] {onlyValue, null};
      onlyValue = null;
      cells = c;
      capacity = 2;
      end = 1;
    } else if (end == capacity) {
      if (size < capacity) {
        reclaim();
      } else {
        grow();
      }
    }
    size++;
    return end++;
  }

  /** Moves the live values up over the dead places, in order. */
  private void reclaim() {
    long[] c = cells;
    int seen = capacity;
    int hits = 2 * capacity;
    int kept = 0;
    for (int i = 0; i < end; i++) {
      long when = c[seen + i];
      if (newest - when <= window) {
        if (kept != i) {
          c[kept] = c[i];
          c[seen + kept] = when;
          c[hits + kept] = c[hits + i];
          shown[kept] = shown[i];
        }
        kept++;
      }
    }
    Arrays.fill(shown, kept, end, null);
    end = kept;
  }

  private void grow() {
    int grown = Math.min(n, capacity * 2);
    long[] c = new long[3 * grown];
    for (int run = 0; run < 3; run++) {
      for (int i = 0; i < end; i++) {
        c[run * grown + i] = cells[run * capacity + i];
      }
    }
    cells = c;
    shown = Arrays.copyOf(shown, grown);
    capacity = grown;
  }

  /**
   * The index of the value seen longest ago (the first of equals), which the caller overwrites; the
   * second oldest time becomes the lower bound, so a full set that keeps replacing does not make every
   * later event run an expiry pass.
   */
  private int replaceStalest() {
    long[] c = cells;
    if (c == null) {
      oldest = Long.MAX_VALUE;
      return 0;
    }
    int seen = capacity;
    int s = -1;
    long min = Long.MAX_VALUE;
    long second = Long.MAX_VALUE;
    for (int j = 0; j < end; j++) {
      long x = c[seen + j];
      if (newest - x > window) {
        continue;
      }
      if (s < 0 || x < min) {
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
    end = 0;
    oldest = Long.MAX_VALUE;
  }

  /**
   * Counts the values last seen within {@code window} ms before {@code t} and finds the oldest of
   * them; the others are dead where they stand (their time says so from now on).
   */
  private void expire(long t, long window) {
    long[] c = cells;
    if (c == null) {
      // One value, seen at the latest offer, which the caller found inside the window.
      oldest = onlySeen;
      return;
    }
    int seen = capacity;
    int live = 0;
    long newOldest = Long.MAX_VALUE;
    for (int i = 0; i < end; i++) {
      long when = c[seen + i];
      if (t - when <= window) {
        newOldest = Math.min(newOldest, when);
        live++;
      }
    }
    size = live;
    oldest = newOldest;
  }

  /** The index of the live value with this hash at {@code t}, or -1. */
  private int indexOf(long hash, long t, long window) {
    long[] c = cells;
    if (c == null) {
      return size == 1 && onlyHash == hash ? 0 : -1;
    }
    for (int i = 0, used = end; i < used; i++) {
      if (c[i] == hash && t - c[capacity + i] <= window) {
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
    return (double) size() / n;
  }

  @Override
  void resetCount() {
    open = null;
    pending = null;
    pendingEnd = 0;
    cells = null;
    shown = null;
    onlyValue = null;
    capacity = 1;
    size = 0;
    end = 0;
    oldest = Long.MAX_VALUE;
    events = 0;
  }
}
