package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;

/**
 * The structures the detector's hot path was rebuilt on, against plain references: the key table's
 * open-addressing index (lookups by parts, growth, deletion with backward shift) against a hash map,
 * and the distinct set (arrays per field, its expiry bound) against a list recomputed naively.
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

  /** The naive reference: every value with its last time and hits, dropped when older than the window. */
  private static final class NaiveSet {
    final Map<Long, long[]> held = new LinkedHashMap<>();

    boolean offer(long t, long hash, int n, long window) {
      held.values().removeIf(v -> t - v[0] > window);
      long[] v = held.get(hash);
      if (v == null) {
        if (held.size() == n) {
          // Replace the stalest (first of equals) in place: rebuild the order with the new value there.
          Long stalest = null;
          for (Map.Entry<Long, long[]> e : held.entrySet()) {
            if (stalest == null || e.getValue()[0] < held.get(stalest)[0]) {
              stalest = e.getKey();
            }
          }
          Map<Long, long[]> copy = new LinkedHashMap<>();
          for (Map.Entry<Long, long[]> e : held.entrySet()) {
            if (e.getKey().equals(stalest)) {
              copy.put(hash, new long[] {t, 0});
            } else {
              copy.put(e.getKey(), e.getValue());
            }
          }
          held.clear();
          held.putAll(copy);
        } else {
          held.put(hash, new long[] {t, 0});
        }
        v = held.get(hash);
      }
      v[0] = t;
      v[1]++;
      return held.size() >= n;
    }

    List<String> contents() {
      List<String> out = new ArrayList<>();
      held.forEach((h, v) -> out.add(h + "x" + v[1]));
      return out;
    }
  }

  @Property
  void theDistinctSetAgreesWithANaiveReference(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 400) Integer> gapsMs,
      @ForAll @Size(min = 300, max = 300) List<@IntRange(min = 0, max = 12) Integer> values,
      @ForAll @IntRange(min = 1, max = 10) int n,
      @ForAll @IntRange(min = 1, max = 3_000) int windowMs) {
    DistinctCounter counter = new DistinctCounter(n);
    NaiveSet reference = new NaiveSet();
    long t = 0;
    for (int i = 0; i < gapsMs.size(); i++) {
      t += gapsMs.get(i);
      long hash = values.get(i);
      boolean fired = counter.offer(t, hash, hash, windowMs);
      assertThat(fired).as("event %d", i).isEqualTo(reference.offer(t, hash, n, windowMs));
      List<String> held = new ArrayList<>();
      counter.forEach((v, hits) -> held.add(v + "x" + hits));
      assertThat(held).as("event %d", i).isEqualTo(reference.contents());
      assertThat(counter.size()).isEqualTo(reference.held.size());
    }
  }
}
