package org.abuseloop.detect;

/**
 * The keys one event is counted under (a firewall deny: its address, address and port, and /24 and
 * port), gathered before any is counted so that the memory of all of them is fetched at once. Not
 * thread-safe; reused from event to event by one detector.
 *
 * <p>Written by hand because the detector is memory-bound: each key is a chain of dependent cache
 * misses (index entry, then its row and slot, then the slot object, then its counter), and counted
 * one after the other the chains of an event's keys run in series. {@link #warm} walks the chains of
 * all the keys stage by stage, reading only (nothing is created, touched or evicted), so the misses
 * of one stage overlap and the counting that follows finds its lines in the cache: a software
 * prefetch, which Java has no instruction for.
 */
final class EventKeys {

  private final long[] high;
  private final long[] low;
  private final int[] meta;
  private final String[] owner;
  private final Rule[] rule;
  private final int[] column;
  /** What the warm-up found: each key's number (or -1), then its slot (or null). */
  private final int[] number;
  private final Slot[] slot;
  private int size;
  /** Folds the values the warm-up reads, so the compiler keeps the reads. */
  private long sink;

  /** @param most the most keys one event can be counted under (the rules of every scope) */
  EventKeys(int most) {
    high = new long[most];
    low = new long[most];
    meta = new int[most];
    owner = new String[most];
    rule = new Rule[most];
    column = new int[most];
    number = new int[most];
    slot = new Slot[most];
  }

  /** Forgets the last event's keys. */
  void clear() {
    for (int i = 0; i < size; i++) {
      owner[i] = null;
      rule[i] = null;
      slot[i] = null;
    }
    size = 0;
  }

  /** Adds the key with these parts, counted by {@code r} in {@code col} of its scope's row of slots. */
  void add(long h, long l, int m, String o, Rule r, int col) {
    high[size] = h;
    low[size] = l;
    meta[size] = m;
    owner[size] = o;
    rule[size] = r;
    column[size] = col;
    size++;
  }

  int size() {
    return size;
  }

  long high(int i) {
    return high[i];
  }

  long low(int i) {
    return low[i];
  }

  int meta(int i) {
    return meta[i];
  }

  String owner(int i) {
    return owner[i];
  }

  Rule rule(int i) {
    return rule[i];
  }

  int column(int i) {
    return column[i];
  }

  /**
   * Reads ahead what counting the keys will read, one stage for all keys before the next: the index
   * entries where their lookups start, then the rows and slots of those tracked, then the slots'
   * state. Changes nothing but this object's scratch. Worth it only with several keys.
   */
  void warm(KeyTable table) {
    if (size < 2) {
      return;
    }
    long folded = 0;
    for (int i = 0; i < size; i++) {
      folded += table.indexTag(high[i], low[i], meta[i], owner[i]);
    }
    for (int i = 0; i < size; i++) {
      int n = table.peek(high[i], low[i], meta[i], owner[i]);
      number[i] = n;
      folded += n < 0 ? 0 : table.rowWord(n);
    }
    for (int i = 0; i < size; i++) {
      slot[i] = number[i] < 0 ? null : table.slotAt(number[i], column[i]);
    }
    for (int i = 0; i < size; i++) {
      Slot s = slot[i];
      if (s != null) {
        // The slot's line, then its counter's header and its open incident's line.
        OpenIncident open = s.incident;
        folded += s.lastTime + (s.counter.getClass() == DistinctCounter.class ? 1 : 0)
            + (open == null ? 0 : open.deadline);
      }
    }
    sink += folded;
  }

  /** The folded reads of {@link #warm} (for tests; it keeps the compiler from dropping them). */
  long sink() {
    return sink;
  }
}
