package org.abuseloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The sorted counts equal those of a plain sorted map over random streams: keys of all widths (digits
 * the same in every key, which the sort skips, and digits that vary), runs counted at once, streams
 * long enough for several merges of a growing buffer, and keys added again after they were merged.
 */
class PairCountsTest {

  @Test
  void randomStreamsGiveTheCountsOfASortedMap() {
    for (int seed = 1; seed <= 12; seed++) {
      Random random = new Random(seed);
      int distinct = 1 + random.nextInt(seed % 3 == 0 ? 300_000 : 3_000);
      long[] pool = new long[distinct];
      long mask = random.nextBoolean() ? Long.MAX_VALUE : 0x3FFF_0000_FFFF_FFFFL;
      for (int i = 0; i < distinct; i++) {
        pool[i] = random.nextLong() & mask;
      }
      PairCounts counts = new PairCounts();
      TreeMap<Long, Long> reference = new TreeMap<>();
      int events = 1 + random.nextInt(400_000);
      for (int i = 0; i < events; i++) {
        long key = pool[random.nextInt(distinct)];
        long n = random.nextInt(10) == 0 ? 1 + random.nextInt(1000) : 1;
        counts.add(key, n);
        reference.merge(key, n, Long::sum);
      }
      assertSame(counts, reference, seed);
    }
  }

  @Test
  void keysAddedAfterReadingAreMergedIn() {
    PairCounts counts = new PairCounts();
    TreeMap<Long, Long> reference = new TreeMap<>();
    for (long k : new long[] {5, 3, 5, 1L << 62, 0}) {
      counts.add(k, 2);
      reference.merge(k, 2L, Long::sum);
    }
    assertSame(counts, reference, 0);
    for (long k : new long[] {4, 5, 1L << 40, 0}) {
      counts.add(k, 1);
      reference.merge(k, 1L, Long::sum);
    }
    assertSame(counts, reference, 0);
  }

  @Test
  void sortOrdersKeysWithSomeDigitsAlike() {
    long[] keys = {7L << 44 | 9, 7L << 44 | 3, 2L << 44 | 3, 7L << 44 | 3, 0, Long.MAX_VALUE};
    long[] sorted = PairCounts.sort(keys.clone(), new long[keys.length], keys.length);
    long[] expected = keys.clone();
    Arrays.sort(expected);
    assertThat(sorted).containsExactly(expected);
  }

  private static void assertSame(PairCounts counts, TreeMap<Long, Long> reference, int seed) {
    int n = counts.size();
    assertThat(n).as("seed %d", seed).isEqualTo(reference.size());
    long[] keys = Arrays.copyOf(counts.keys(), n);
    long[] values = Arrays.copyOf(counts.counts(), n);
    int i = 0;
    for (Map.Entry<Long, Long> e : reference.entrySet()) {
      assertThat(keys[i]).as("seed %d, key %d", seed, i).isEqualTo(e.getKey());
      assertThat(values[i]).as("seed %d, count of %d", seed, e.getKey()).isEqualTo(e.getValue());
      i++;
    }
  }
}
