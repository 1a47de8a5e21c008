package org.abuseloop.detect;

import static org.abuseloop.detect.Events.SSH_FAILED;
import static org.abuseloop.detect.Events.at;
import static org.abuseloop.detect.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Service;

/** The detector against naive reference computations over whole event lists. */
class DetectorPropertiesTest {

  private static final EventFilter SSH = EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.AUTH_FAILURE));

  @Property
  void aThresholdFiresFirstWhereTheReferenceSaysSo(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 30_000) Integer> gapsMs,
      @ForAll @IntRange(min = 1, max = 8) int count,
      @ForAll @IntRange(min = 1, max = 60_000) int windowMs) {
    Detector d = Detector.builder(new DetectionConfig(Settings.defaults(),
        List.of(Scenario.threshold("t", SSH, count, Duration.ofMillis(windowMs))))).build();
    List<Long> times = new ArrayList<>();
    long t = 0;
    int firstFire = -1;
    for (int i = 0; i < gapsMs.size(); i++) {
      t += gapsMs.get(i);
      times.add(t);
      boolean opened = d.accept(event(SSH_FAILED, "198.51.100.1", at(Duration.ofMillis(t)))).stream().anyMatch(Incident::active);
      if (opened && firstFire < 0) {
        firstFire = i;
      }
    }
    assertThat(firstFire).isEqualTo(referenceFirstFire(times, count, windowMs));
  }

  @Property
  void aBucketOverflowsFirstWhereTheReferenceSaysSo(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 20_000) Integer> gapsMs,
      @ForAll @IntRange(min = 1, max = 8) int capacity,
      @ForAll @IntRange(min = 1, max = 20_000) int leakMs) {
    Detector d = Detector.builder(new DetectionConfig(Settings.defaults(),
        List.of(Scenario.leaky("b", SSH, capacity, Duration.ofMillis(leakMs))))).build();
    double level = 0;
    long last = 0;
    long t = 0;
    int expected = -1;
    int actual = -1;
    for (int i = 0; i < gapsMs.size(); i++) {
      t += gapsMs.get(i);
      level = Math.max(0, level - (double) (t - last) / leakMs);
      last = t;
      if (level + 1 > capacity + 1e-9) {
        expected = expected < 0 ? i : expected;
      } else {
        level += 1;
      }
      boolean opened = d.accept(event(SSH_FAILED, "198.51.100.1", at(Duration.ofMillis(t)))).stream().anyMatch(Incident::active);
      if (opened && actual < 0) {
        actual = i;
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  private static final DetectionConfig DEFAULTS = DetectionConfig.defaults();

  @Property(tries = 200)
  void theCapHoldsForAnyStream(
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 2_000) Integer> sources,
      @ForAll @IntRange(min = 1, max = 50) int cap) {
    Detector d = Detector.builder(DEFAULTS.withSettings(DEFAULTS.settings().withMaxKeys(cap))).build();
    long t = 0;
    for (int s : sources) {
      t += 7;
      d.accept(event(SSH_FAILED, "203.0." + (s / 250) + "." + (s % 250 + 1), at(Duration.ofMillis(t))));
      assertThat(d.trackedKeys()).isLessThanOrEqualTo(cap);
    }
  }

  /** The index of the first event with count-1 events before it within the window, or -1. */
  private static int referenceFirstFire(List<Long> times, int count, long windowMs) {
    for (int i = count - 1; i < times.size(); i++) {
      if (times.get(i) - times.get(i - count + 1) <= windowMs) {
        return i;
      }
    }
    return -1;
  }
}
