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
    final Map<Key, Tracked> map = new LinkedHashMap<>(16, 0.75f, true);

    Tracked get(Key k) {
      return map.get(k);
    }

    Tracked create(Key k, long now, int cap, List<Key> evicted) {
      if (map.size() >= cap) {
        Iterator<Tracked> it = map.values().iterator();
        Tracked coldest = null;
        double coldestWeight = Double.MAX_VALUE;
        for (int i = 0; i < KeyTable.SAMPLE && it.hasNext(); i++) {
          Tracked t = it.next();
          double w = t.expiresAt < now ? -1 : t.progress();
          if (coldest == null || w < coldestWeight) {
            coldest = t;
            coldestWeight = w;
          }
        }
        map.remove(coldest.key);
        evicted.add(coldest.key);
      }
      Tracked t = new Tracked(k, 4, 4);
      map.put(k, t);
      return t;
    }

    void expire(long now) {
      Iterator<Tracked> it = map.values().iterator();
      while (it.hasNext() && it.next().expiresAt < now) {
        it.remove();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  void evictionsAndExpiryFollowTheAccessOrderExactly(long seed) {
    Random random = new Random(seed);
    int cap = 50;
    KeyTable table = new KeyTable(cap, 4, 4);
    Model model = new Model();
    List<Key> evictedByTable = new ArrayList<>();
    List<Key> evictedByModel = new ArrayList<>();
    long now = 0;
    for (int step = 0; step < 200_000; step++) {
      now += random.nextInt(3);
      // A few hot keys among many that come once or twice, so hits, misses and stale entries mix.
      int n = random.nextInt(10) < 6 ? random.nextInt(20) : random.nextInt(5_000);
      Key k = Key.address(IpAddress.ofIPv4(0xC6336400 + n));
      Tracked a = table.get(k);
      Tracked b = model.get(k);
      assertThat(a == null).as("tracked at step %d", step).isEqualTo(b == null);
      if (a == null) {
        a = table.create(k, now, t -> evictedByTable.add(t.key));
        b = model.create(k, now, cap, evictedByModel);
      }
      long expiresAt = now + random.nextInt(200);
      a.expiresAt = Math.max(a.expiresAt, expiresAt);
      b.expiresAt = Math.max(b.expiresAt, expiresAt);
      if (random.nextInt(50) == 0) {
        table.expire(now);
        model.expire(now);
      }
      assertThat(table.size()).isEqualTo(model.map.size()).isLessThanOrEqualTo(cap);
    }
    assertThat(evictedByTable).hasSizeGreaterThan(1000).isEqualTo(evictedByModel);
    table.clear();
    assertThat(table.size()).isZero();
    assertThat(table.get(Key.address(IpAddress.ofIPv4(0xC6336400)))).isNull();
  }
}
