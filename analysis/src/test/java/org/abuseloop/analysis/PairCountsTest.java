package org.abuseloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The breakdown's interleaved count table against a hash map, through growth and colliding keys. */
class PairCountsTest {

  @Test
  void countsEveryKeyAsAMapDoes() {
    Random random = new Random(11);
    PairCounts counts = new PairCounts();
    Map<Long, Long> model = new HashMap<>();
    for (int i = 0; i < 200_000; i++) {
      // Keys as the breakdown makes them (port key above, IPv4 bits below), including 0 and -1.
      long key = switch (random.nextInt(4)) {
        case 0 -> 0L;
        case 1 -> -1L;
        case 2 -> ((long) random.nextInt(20) << 32) | random.nextInt(50);
        default -> ((long) random.nextInt(1 << 30) << 32) | (random.nextInt() & 0xFFFFFFFFL);
      };
      counts.increment(key);
      model.merge(key, 1L, Long::sum);
    }
    Map<Long, Long> seen = new HashMap<>();
    counts.forEach((k, n) -> {
      assertThat(seen.put(k, n)).as("key %d listed once", k).isNull();
      return n;
    });
    assertThat(seen).isEqualTo(model);
    assertThat(counts.size()).isEqualTo(model.size()).isGreaterThan(40_000);
  }
}
