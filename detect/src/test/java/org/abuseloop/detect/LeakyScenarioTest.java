package org.abuseloop.detect;

import static org.abuseloop.detect.Events.SSH_FAILED;
import static org.abuseloop.detect.Events.at;
import static org.abuseloop.detect.Events.event;
import static org.abuseloop.detect.Events.sec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** Leaky buckets at explicit event times: the event after the capacity overflows, the bucket leaks, drains and starts again. */
class LeakyScenarioTest {

  private static final EventFilter SSH = EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.AUTH_FAILURE));
  private static final String A = "198.51.100.7";

  private static Detector bucket(int capacity, Duration leak) {
    return Detector.builder(new DetectionConfig(Settings.defaults(),
        List.of(Scenario.leaky("slow", SSH, capacity, leak)))).build();
  }

  @Test
  void aBurstOverflowsOnTheEventAfterTheCapacity() {
    Detector d = bucket(5, Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      assertThat(d.accept(event(SSH_FAILED, A, sec(0)))).as("event %d", i + 1).isEmpty();
    }
    assertThat(d.accept(event(SSH_FAILED, A, sec(0)))).singleElement()
        .satisfies(i -> assertThat(i.count()).isEqualTo(6));
  }

  @Test
  void eventsNoFasterThanTheLeakNeverOverflow() {
    Detector d = bucket(3, Duration.ofMinutes(1));
    for (int i = 0; i < 1000; i++) {
      assertThat(d.accept(event(SSH_FAILED, A, sec(i * 60L)))).isEmpty();
    }
  }

  @Test
  void theBucketLeaksBetweenEvents() {
    // Capacity 10, one leaks per minute, one event every 30 s: the level before event k is (k-1)/2,
    // so event 20 is the first that does not fit (19/2 + 1 > 10) and event 19 still fits.
    Detector d = bucket(10, Duration.ofMinutes(1));
    for (int k = 1; k <= 19; k++) {
      assertThat(d.accept(event(SSH_FAILED, A, sec((k - 1) * 30L)))).as("event %d", k).isEmpty();
    }
    List<Incident> out = d.accept(event(SSH_FAILED, A, sec(19 * 30L)));
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.count()).isEqualTo(20);
      assertThat(i.first()).isEqualTo(sec(0));
    });
  }

  @Test
  void aDrainedBucketStartsAgain() {
    Detector d = bucket(2, Duration.ofSeconds(10));
    d.accept(event(SSH_FAILED, A, sec(0)));
    d.accept(event(SSH_FAILED, A, sec(0)));
    // Drained after 20 s: two more fit again, the third overflows.
    assertThat(d.accept(event(SSH_FAILED, A, sec(20)))).isEmpty();
    assertThat(d.accept(event(SSH_FAILED, A, at(Duration.ofMillis(20_000))))).isEmpty();
    assertThat(d.accept(event(SSH_FAILED, A, sec(20)))).singleElement()
        .satisfies(i -> assertThat(i.count()).as("counted from the bucket's last empty moment").isEqualTo(3));
  }

  @Test
  void anOverflowedBucketClosesOnceItCouldHaveDrained() {
    Detector d = bucket(2, Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      d.accept(event(SSH_FAILED, A, sec(0)));
    }
    assertThat(d.advanceTo(sec(20))).isEmpty();
    assertThat(d.advanceTo(sec(21))).singleElement().satisfies(i -> assertThat(i.active()).isFalse());
  }
}
