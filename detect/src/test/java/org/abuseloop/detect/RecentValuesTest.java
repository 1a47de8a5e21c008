package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The set an open incident's distinct counts use, against a plain reference (every value's last time,
 * the live count capped at N), and a distinct set that switches to it mid-stream against a twin that
 * does not: the same live count whenever it is read, through gaps longer than the window.
 */
class RecentValuesTest {

  /** The plain reference: the live values are the distinct ones seen within the window, at most N. */
  private static int live(Map<Long, Long> lastSeen, long t, long window, int n) {
    long within = lastSeen.values().stream().filter(seen -> t - seen <= window).count();
    return (int) Math.min(n, within);
  }

  @Property(tries = 500)
  void theLiveCountIsTheDistinctValuesWithinTheWindowCappedAtN(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 900) Integer> gapsMs,
      @ForAll @Size(min = 400, max = 400) List<@IntRange(min = 0, max = 40) Integer> values,
      @ForAll @IntRange(min = 0, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 3_000) int windowMs) {
    RecentValues set = new RecentValues(n);
    Map<Long, Long> lastSeen = new HashMap<>();
    long t = 0;
    for (int i = 0; i < gapsMs.size(); i++) {
      t += gapsMs.get(i);
      long hash = values.get(i) * 0x10000L;
      lastSeen.put(hash, t);
      int expected = live(lastSeen, t, windowMs, n);
      assertThat(set.offer(t, hash, windowMs)).as("event %d", i).isEqualTo(expected);
      assertThat(set.size()).isEqualTo(expected);
    }
  }

  @Property(tries = 500)
  void aDistinctSetKeepsItsCountWhenItsIncidentOpens(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 900) Integer> gapsMs,
      @ForAll @Size(min = 300, max = 300) List<@IntRange(min = 0, max = 25) Integer> values,
      @ForAll @IntRange(min = 0, max = 299) int opensAt,
      @ForAll @IntRange(min = 1, max = 16) int n,
      @ForAll @IntRange(min = 1, max = 40) int reads,
      @ForAll @IntRange(min = 1, max = 2_000) int windowMs) {
    DistinctCounter listing = new DistinctCounter(n);
    DistinctCounter switching = new DistinctCounter(n);
    long t = 0;
    for (int i = 0; i < gapsMs.size(); i++) {
      t += gapsMs.get(i);
      long hash = values.get(i);
      boolean fired = listing.offer(t, hash, hash, windowMs);
      if (i >= opensAt) {
        switching.offerOpen(t, hash, windowMs);
      } else {
        assertThat(switching.offer(t, hash, hash, windowMs)).as("event %d", i).isEqualTo(fired);
      }
      // Read now and then only: the offers in between stay buffered, and are handed over in bulk.
      if (i % reads == 0 || i == gapsMs.size() - 1) {
        assertThat(switching.size()).as("event %d", i).isEqualTo(listing.size());
        assertThat(switching.countProgress()).isEqualTo(listing.countProgress());
      }
    }
    switching.reset();
    assertThat(switching.size()).isZero();
    assertThat(switching.offer(t, 1, 1, windowMs)).isEqualTo(n == 1);
    assertThat(switching.size()).isEqualTo(1);
  }
}
