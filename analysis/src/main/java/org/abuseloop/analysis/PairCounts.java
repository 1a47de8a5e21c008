package org.abuseloop.analysis;

import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;

/**
 * Counts of 64-bit keys (the breakdown's port-and-source pairs), kept as one array of distinct keys in
 * ascending order with their counts. Not thread-safe.
 *
 * <p>Written by hand rather than counted in a hash map because a firewall log's pairs are hundreds of
 * thousands: a map update was one dependent cache miss per event (5 % of a 2M-line analysis). Here a
 * key is appended to a buffer, a sequential write; a full buffer is radix-sorted (passes over digits
 * that are the same in every key are skipped), its repeats summed, and merged into the sorted distinct
 * keys from their end, in place. The buffer grows with the distinct keys (to between half and all of
 * them) so a merge copies at most about three times what the buffer holds, and memory stays near that
 * of the sorted counts themselves.
 */
final class PairCounts {

  private static final int MIN_BUFFER = 1 << 16;
  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
  private static final int RADIX = 1 << DIGIT_BITS;

  private long[] buffer = new long[MIN_BUFFER];
  private long[] scratch = new long[MIN_BUFFER];
  private int buffered;
  /** Counts beyond one of keys appended once for several events (a run), until the next merge. */
  private final Long2LongOpenHashMap extra = new Long2LongOpenHashMap();

  private long[] keys = new long[0];
  private long[] counts = new long[0];
  private int size;

  /** Adds {@code n} (at least 1) events of {@code key}, which is not negative. */
  void add(long key, long n) {
    if (buffered == buffer.length) {
      merge();
    }
    buffer[buffered++] = key;
    if (n > 1) {
      extra.addTo(key, n - 1);
    }
  }

  /** The distinct keys so far, ascending; the first {@link #size} are valid. Merges what is buffered. */
  long[] keys() {
    merge();
    return keys;
  }

  /** The count of each key of {@link #keys}, at the same index. */
  long[] counts() {
    merge();
    return counts;
  }

  /** How many distinct keys there are. */
  int size() {
    merge();
    return size;
  }

  private void merge() {
    if (buffered == 0) {
      return;
    }
    long[] sorted = sort(buffer, scratch, buffered);
    long[] sums = sorted == buffer ? scratch : buffer; // the other one is free now
    int distinct = sumRepeats(sorted, sums, buffered);
    addExtra(sorted, sums, distinct);
    mergeInto(sorted, sums, distinct);
    buffered = 0;
    int wanted = Math.max(MIN_BUFFER, Integer.highestOneBit(Math.max(size, 1)));
    if (wanted > buffer.length) {
      buffer = new long[wanted];
      scratch = new long[wanted];
    }
  }

  /** Sums the repeats of the sorted keys in place: the first {@code return} keys are distinct. */
  private static int sumRepeats(long[] sorted, long[] sums, int n) {
    int d = 0;
    for (int i = 0; i < n; ) {
      long key = sorted[i];
      int j = i + 1;
      while (j < n && sorted[j] == key) {
        j++;
      }
      sorted[d] = key;
      sums[d++] = j - i;
      i = j;
    }
    return d;
  }

  /** Adds the counts of runs, whose keys are among the sorted ones. */
  private void addExtra(long[] sorted, long[] sums, int distinct) {
    if (extra.isEmpty()) {
      return;
    }
    for (Long2LongMap.Entry e : extra.long2LongEntrySet()) {
      sums[LongArrays.binarySearch(sorted, 0, distinct, e.getLongKey())] += e.getLongValue();
    }
    extra.clear();
  }

  /** Merges sorted distinct keys with their sums into the counts, from the end so in place. */
  private void mergeInto(long[] add, long[] sums, int n) {
    int news = 0;
    for (int i = 0, j = 0; i < n; i++) {
      while (j < size && keys[j] < add[i]) {
        j++;
      }
      if (j == size || keys[j] != add[i]) {
        news++;
      }
    }
    int total = size + news;
    if (total > keys.length) {
      int capacity = Math.max(total, keys.length + (keys.length >> 1));
      keys = Arrays.copyOf(keys, capacity);
      counts = Arrays.copyOf(counts, capacity);
    }
    int i = size - 1;
    int j = n - 1;
    for (int out = total - 1; j >= 0; out--) {
      if (i >= 0 && keys[i] > add[j]) {
        keys[out] = keys[i];
        counts[out] = counts[i--];
      } else if (i >= 0 && keys[i] == add[j]) {
        keys[out] = keys[i];
        counts[out] = counts[i--] + sums[j--];
      } else {
        keys[out] = add[j];
        counts[out] = sums[j--];
      }
    }
    size = total;
  }

  /**
   * Sorts the first {@code n} keys (as unsigned numbers, which for keys that are not negative is their
   * order) by least significant digit first, and returns the array that holds them sorted, either
   * {@code a} or {@code b}. The digits are placed on the bits that differ between keys: a run of bits
   * that is the same in every key (the upper bits of addresses of one network, the protocol) costs no
   * pass.
   */
  static long[] sort(long[] a, long[] b, int n) {
    long first = a[0];
    long varying = 0;
    for (int i = 0; i < n; i++) {
      varying |= a[i] ^ first;
    }
    int[] shifts = new int[DIGITS];
    int digits = 0;
    for (int bit = 0; bit < 64 && (varying >>> bit) != 0; bit += DIGIT_BITS) {
      bit += Long.numberOfTrailingZeros(varying >>> bit);
      shifts[digits++] = bit;
    }
    int[] counts = histograms(a, n, shifts, digits);
    long[] from = a;
    long[] to = b;
    for (int d = 0; d < digits; d++) {
      scatter(from, to, n, shifts[d], counts, d * RADIX);
      long[] t = from;
      from = to;
      to = t;
    }
    return from;
  }

  /** The counts of each digit's values, digit {@code d}'s at {@code d * RADIX}. */
  private static int[] histograms(long[] a, int n, int[] shifts, int digits) {
    int[] counts = new int[Math.max(digits, 1) * RADIX];
    for (int d = 0; d < digits; d++) {
      int shift = shifts[d];
      int base = d * RADIX;
      for (int i = 0; i < n; i++) {
        counts[base + ((int) (a[i] >>> shift) & (RADIX - 1))]++;
      }
    }
    return counts;
  }

  /** One pass: the keys of {@code from} into {@code to}, stably, by the digit at {@code shift}. */
  private static void scatter(long[] from, long[] to, int n, int shift, int[] counts, int base) {
    int sum = 0;
    for (int r = base; r < base + RADIX; r++) {
      int v = counts[r];
      counts[r] = sum;
      sum += v;
    }
    for (int i = 0; i < n; i++) {
      long k = from[i];
      to[counts[base + ((int) (k >>> shift) & (RADIX - 1))]++] = k;
    }
  }
}
