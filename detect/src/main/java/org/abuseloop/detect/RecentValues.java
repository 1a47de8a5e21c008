package org.abuseloop.detect;

/**
 * The distinct values (64-bit hashes) last seen within a window, at most N of them, in the order they
 * were last seen: the form a {@link DistinctCounter} takes while its slot's incident is open, when only
 * how many values are live matters (the key's progress, which eviction compares) because nothing lists
 * them before the incident's close resets the slot. Not thread-safe; the times offered never go backwards.
 *
 * <p>Which of several values seen at the same time is the stalest does not change how many stay live
 * (the live values are always the N most recently seen distinct ones within the window), so this set
 * replaces its least recently seen value where the listing set replaces, among equals, the first in
 * its order, and it keeps no values, no hits and no order of first sight.
 *
 * <p>Laid out by hand: the values sit at positions of one {@code long[]} (hash, time last seen), found
 * through a small open-addressing table of positions (linear probing, backward-shift deletion) and
 * chained from the stalest to the newest by an {@code int[]} of links, so an offer is constant work: one
 * probe, then a move to the end of the chain, or the chain's head dropped when it is out of the window
 * or when the set is full. The listing set scans its hashes for each offer and, full, its times for the
 * stalest: the busiest sources, whose incidents stay open, send most events and keep their sets full
 * with new values. A {@code LinkedHashMap<Long, Long>} would box each hash and time and allocate a node
 * per new value.
 */
final class RecentValues {

  private static final int NONE = -1;

  private final int n;
  /** Per position: the value's hash, then the time it was last seen. */
  private final long[] cells;
  /** Per position: the previous (staler) position, then the next (newer) one, or {@link #NONE}. */
  private final int[] links;
  /** Positions plus one by hash (0: empty); its length is a power of two at least twice N. */
  private final int[] index;
  private final int mask;
  private final int shift;
  private int stalest = NONE;
  private int newest = NONE;
  /** The first free position below {@link #used}, chained through the links' "next" half. */
  private int free = NONE;
  private int used;
  private int size;

  RecentValues(int n) {
    this.n = Math.max(0, n);
    this.cells = new long[2 * this.n];
    this.links = new int[2 * this.n];
    int length = Math.max(8, Integer.highestOneBit(Math.max(1, this.n)) << 2);
    this.index = new int[length];
    this.mask = length - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(length);
  }

  /**
   * Records the value with this hash at {@code t}: values last seen more than {@code window} ms before
   * {@code t} leave first, and a new value takes the stalest's place when N are held. Returns the live
   * values held then.
   */
  int offer(long t, long hash, long window) {
    if (n == 0) {
      return 0;
    }
    while (stalest != NONE && t - cells[2 * stalest + 1] > window) {
      remove(stalest);
    }
    int at = find(hash);
    if (at != NONE) {
      cells[2 * at + 1] = t;
      if (at != newest) {
        unlink(at);
        linkNewest(at);
      }
      return size;
    }
    if (size == n) {
      remove(stalest);
    }
    at = take();
    cells[2 * at] = hash;
    cells[2 * at + 1] = t;
    int i = home(hash);
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = at + 1;
    linkNewest(at);
    return ++size;
  }

  /** The live values held after the latest offer. */
  int size() {
    return size;
  }

  private int find(long hash) {
    for (int i = home(hash); index[i] != 0; i = (i + 1) & mask) {
      int at = index[i] - 1;
      if (cells[2 * at] == hash) {
        return at;
      }
    }
    return NONE;
  }

  /** The first probe of a hash: a Fibonacci multiplication, so small hashes (ports) spread too. */
  private int home(long hash) {
    return (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
  }

  private int take() {
    if (free == NONE) {
      return used++;
    }
    int at = free;
    free = links[2 * at + 1];
    return at;
  }

  private void remove(int at) {
    unindex(at);
    unlink(at);
    links[2 * at + 1] = free;
    free = at;
    size--;
  }

  /** Empties the index entry of the position and moves later entries of its probe run back. */
  private void unindex(int at) {
    int hole = home(cells[2 * at]);
    while (index[hole] != at + 1) {
      hole = (hole + 1) & mask;
    }
    for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
      int h = home(cells[2 * (index[next] - 1)]);
      // The entry may fill the hole unless its home lies cyclically in (hole, next].
      boolean stays = hole <= next ? hole < h && h <= next : hole < h || h <= next;
      if (!stays) {
        index[hole] = index[next];
        hole = next;
      }
    }
    index[hole] = 0;
  }

  private void unlink(int at) {
    int before = links[2 * at];
    int after = links[2 * at + 1];
    if (before == NONE) {
      stalest = after;
    } else {
      links[2 * before + 1] = after;
    }
    if (after == NONE) {
      newest = before;
    } else {
      links[2 * after] = before;
    }
  }

  private void linkNewest(int at) {
    links[2 * at] = newest;
    links[2 * at + 1] = NONE;
    if (newest == NONE) {
      stalest = at;
    } else {
      links[2 * newest + 1] = at;
    }
    newest = at;
  }
}
