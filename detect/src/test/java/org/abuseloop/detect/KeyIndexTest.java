package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;

/**
 * The key table's open-addressing index (lookups by parts, growth, deletion with backward shift) against
 * a hash map. (The distinct set is checked against an eager reference in {@link DistinctCounterTest}.)
 */
class KeyIndexTest {

  private static Key randomKey(Random random) {
    int n = random.nextInt(3_000);
    IpAddress a = random.nextBoolean() ? IpAddress.ofIPv4(0xC6336400 + n) : IpAddress.ofIPv6(0x20010DB800000000L, n);
    return switch (random.nextInt(5)) {
      case 0 -> Key.address(a);
      case 1 -> Key.address(a).withPort(random.nextInt(4));
      case 2 -> Key.prefix(IpPrefix.of(a, a.isIPv4() ? 24 : 64));
      case 3 -> Key.prefix(IpPrefix.of(a, a.isIPv4() ? 24 : 64)).withPort(random.nextInt(4) * 1000);
      default -> Key.owner("cloud-" + (n % 40));
    };
  }

  @Test
  void theIndexFindsExactlyTheKeysAMapHoldsThroughGrowthAndDeletion() {
    Random random = new Random(7);
    int cap = 3_000;
    KeyTable table = new KeyTable(cap, 4, 4, 2);
    Map<Key, Integer> model = new HashMap<>();
    long now = 0;
    for (int step = 0; step < 300_000; step++) {
      now++;
      Key k = randomKey(random);
      // Looked up by its parts, as the detector does, and through an equal key built anew.
      int byParts = table.find(k.high(), k.low(), k.meta(), k.owner() == null ? null : new String(k.owner()));
      assertThat(byParts).as("step %d", step).isEqualTo(model.getOrDefault(k, -1));
      if (byParts < 0) {
        int n = table.create(k, now, evicted -> assertThat(model.remove(table.key(evicted))).isEqualTo(evicted));
        assertThat(table.key(n)).isEqualTo(k);
        model.put(k, n);
      }
      table.keepUntil(table.find(k), now + random.nextInt(2_000));
      if (random.nextInt(100) == 0) {
        table.expire(now);
        model.keySet().removeIf(key -> table.find(key) < 0);
      }
      assertThat(table.size()).isEqualTo(model.size()).isLessThanOrEqualTo(cap);
    }
    for (Map.Entry<Key, Integer> e : model.entrySet()) {
      assertThat(table.find(e.getKey())).isEqualTo(e.getValue());
    }
    table.clear();
    assertThat(table.size()).isZero();
  }
}
