package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The distinct set, with its shortcuts (the expiry bound, dropping a set whose newest value is out of
 * the window without reading its times, resets as an incident's close does), against an eager
 * reference that recomputes everything on every offer: same answers, order, hits, burst start and count.
 */
class DistinctCounterTest {

  /** The eager reference: every value with its last time and hits, expired on every offer. */
  private static final class EagerSet {
    final int n;
    Map<Long, long[]> held = new LinkedHashMap<>();
    long since;
    long events;

    EagerSet(int n) {
      this.n = n;
    }

    boolean offer(long t, long hash, long window) {
      held.values().removeIf(v -> t - v[0] > window);
      if (held.isEmpty()) {
        since = t;
        events = 0;
      }
      events++;
      if (!held.containsKey(hash)) {
        if (held.size() == n) {
          Long stalest = null;
          for (Map.Entry<Long, long[]> e : held.entrySet()) {
            if (stalest == null || e.getValue()[0] < held.get(stalest)[0]) {
              stalest = e.getKey();
            }
          }
          Map<Long, long[]> copy = new LinkedHashMap<>();
          for (Map.Entry<Long, long[]> e : held.entrySet()) {
            copy.put(e.getKey().equals(stalest) ? hash : e.getKey(),
                e.getKey().equals(stalest) ? new long[] {t, 0} : e.getValue());
          }
          held = copy;
        } else {
          held.put(hash, new long[] {t, 0});
        }
      }
      long[] v = held.get(hash);
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

  @Property(tries = 500)
  void theSetAgreesWithAnEagerOneThroughGapsAndResets(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 900) Integer> gapsMs,
      @ForAll @Size(min = 400, max = 400) List<@IntRange(min = 0, max = 20) Integer> values,
      @ForAll @Size(min = 400, max = 400) List<@IntRange(min = 0, max = 60) Integer> resets,
      @ForAll @IntRange(min = 1, max = 16) int n,
      @ForAll @IntRange(min = 1, max = 2_000) int windowMs) {
    DistinctCounter counter = new DistinctCounter(n);
    EagerSet reference = new EagerSet(n);
    long t = 0;
    for (int i = 0; i < gapsMs.size(); i++) {
      t += gapsMs.get(i);
      long hash = values.get(i);
      boolean fired = counter.offer(t, hash, hash, windowMs);
      assertThat(fired).as("event %d", i).isEqualTo(reference.offer(t, hash, windowMs));
      List<String> held = new ArrayList<>();
      counter.forEach((v, hits) -> held.add(v + "x" + hits));
      assertThat(held).as("event %d", i).isEqualTo(reference.contents());
      assertThat(counter.size()).isEqualTo(reference.held.size());
      assertThat(counter.since()).as("since at %d", i).isEqualTo(reference.since);
      assertThat(counter.events()).as("events at %d", i).isEqualTo(reference.events);
      assertThat(counter.countProgress()).isEqualTo((double) reference.held.size() / n);
      if (resets.get(i) == 0) {
        counter.reset();
        reference = new EagerSet(n);
      }
    }
  }
}
