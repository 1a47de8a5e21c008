package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key table's touch queue against the plain model it replaced, a {@code LinkedHashMap} in access
 * order: over long random runs of hits, new keys, evictions and expiry both drop the same keys in the
 * same order.
 */
class KeyTableOrderTest {

  /** The reference: the access-ordered map and the "coldest of the first 8" rule, as written before. */
  private static final class Model {
    /** Each key's expiry time (no scenario counts these keys, so their progress is 0). */
    final Map<Key, long[]> map = new LinkedHashMap<>(16, 0.75f, true);

    long[] get(Key k) {
      return map.get(k);
    }

    long[] create(Key k, long now, int cap, List<Key> evicted) {
      if (map.size() >= cap) {
        Iterator<Map.Entry<Key, long[]>> it = map.entrySet().iterator();
        Key coldest = null;
        double coldestWeight = Double.MAX_VALUE;
        for (int i = 0; i < KeyTable.SAMPLE && it.hasNext(); i++) {
          Map.Entry<Key, long[]> t = it.next();
          double w = t.getValue()[0] < now ? -1 : 0;
          if (coldest == null || w < coldestWeight) {
            coldest = t.getKey();
            coldestWeight = w;
          }
        }
        map.remove(coldest);
        evicted.add(coldest);
      }
      long[] t = {Long.MIN_VALUE};
      map.put(k, t);
      return t;
    }

    void expire(long now) {
      Iterator<long[]> it = map.values().iterator();
      while (it.hasNext() && it.next()[0] < now) {
        it.remove();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  void evictionsAndExpiryFollowTheAccessOrderExactly(long seed) {
    Random random = new Random(seed);
    int cap = 50;
    KeyTable table = new KeyTable(cap, 4, 4, 2);
    Model model = new Model();
    List<Key> evictedByTable = new ArrayList<>();
    List<Key> evictedByModel = new ArrayList<>();
    long now = 0;
    for (int step = 0; step < 200_000; step++) {
      now += random.nextInt(3);
      // A few hot keys among many that come once or twice, so hits, misses and stale entries mix.
      int n = random.nextInt(10) < 6 ? random.nextInt(20) : random.nextInt(5_000);
      Key k = Key.address(IpAddress.ofIPv4(0xC6336400 + n));
      int a = table.find(k);
      long[] b = model.get(k);
      assertThat(a < 0).as("tracked at step %d", step).isEqualTo(b == null);
      if (a < 0) {
        a = table.create(k, now, gone -> evictedByTable.add(table.key(gone)));
        b = model.create(k, now, cap, evictedByModel);
      }
      long expiresAt = now + random.nextInt(200);
      table.keepUntil(a, expiresAt);
      b[0] = Math.max(b[0], expiresAt);
      if (random.nextInt(50) == 0) {
        table.expire(now);
        model.expire(now);
      }
      assertThat(table.size()).isEqualTo(model.map.size()).isLessThanOrEqualTo(cap);
    }
    assertThat(evictedByTable).hasSizeGreaterThan(1000).isEqualTo(evictedByModel);
    table.clear();
    assertThat(table.size()).isZero();
    assertThat(table.find(Key.address(IpAddress.ofIPv4(0xC6336400)))).isNegative();
  }
}
