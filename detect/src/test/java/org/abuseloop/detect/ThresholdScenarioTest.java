package org.abuseloop.detect;

import static org.abuseloop.detect.Events.SSH_FAILED;
import static org.abuseloop.detect.Events.SSH_INVALID;
import static org.abuseloop.detect.Events.SSH_PREAUTH;
import static org.abuseloop.detect.Events.event;
import static org.abuseloop.detect.Events.sec;
import static org.abuseloop.detect.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** Threshold scenarios at explicit event times: the N-th event fires, windows slide, incidents extend, close and reopen. */
class ThresholdScenarioTest {

  private static final EventFilter SSH = EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.AUTH_FAILURE, EventKind.UNKNOWN_USER));
  private static final String A = "198.51.100.7";

  private final Detector detector = Detector.builder(new DetectionConfig(Settings.defaults(),
      List.of(Scenario.threshold("ssh", SSH, 5, Duration.ofMinutes(10))))).build();

  @Test
  void firesOnExactlyTheFifthEventAndNotBefore() {
    for (int i = 0; i < 4; i++) {
      assertThat(detector.accept(event(SSH_FAILED, A, sec(i * 60)))).as("event %d", i + 1).isEmpty();
    }
    List<Incident> out = detector.accept(event(SSH_FAILED, A, sec(240)));
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.scenario()).isEqualTo("ssh");
      assertThat(i.active()).isTrue();
      assertThat(i.scope()).isEqualTo(Incident.Scope.ADDRESS);
      assertThat(i.source()).isEqualTo(IpPrefix.parse(A + "/32"));
      assertThat(i.count()).isEqualTo(5);
      assertThat(i.first()).isEqualTo(sec(0));
      assertThat(i.last()).isEqualTo(sec(240));
      assertThat(i.ratePerMinute()).isEqualTo(5 * 60.0 / 240);
      assertThat(i.evidence()).hasSize(5);
      assertThat(i.offenses()).isEqualTo(1);
    });
  }

  @Test
  void theWindowIsInclusiveAndSlides() {
    // Five events spanning exactly the window fire.
    Detector d = detector;
    for (int i = 0; i < 4; i++) {
      d.accept(event(SSH_FAILED, A, sec(i)));
    }
    assertThat(d.accept(event(SSH_FAILED, A, sec(600)))).hasSize(1);

    // Five events spanning the window plus one millisecond do not; the window then slides on.
    Detector e = Detector.builder(new DetectionConfig(Settings.defaults(),
        List.of(Scenario.threshold("ssh", SSH, 5, Duration.ofMinutes(10))))).build();
    String b = "203.0.113.5";
    for (int i = 0; i < 4; i++) {
      e.accept(event(SSH_FAILED, b, Events.at(Duration.ofSeconds(i * 100))));
    }
    assertThat(e.accept(event(SSH_FAILED, b, Events.at(Duration.ofMillis(600_001))))).isEmpty();
    // The window now holds the events at 100, 200, 300 s and 600.001 s: one more inside it fires.
    assertThat(e.accept(event(SSH_FAILED, b, sec(650)))).hasSize(1);
  }

  @Test
  void eventsOfOtherKindsOrServicesDoNotCount() {
    for (int i = 0; i < 10; i++) {
      assertThat(detector.accept(event(SSH_PREAUTH, A, sec(i)))).isEmpty();
      assertThat(detector.accept(event(Events.AST_WRONG, A, sec(i)))).isEmpty();
    }
    for (int i = 0; i < 4; i++) {
      detector.accept(user(SSH_INVALID, A, sec(20 + i), "admin" + i));
    }
    assertThat(detector.accept(event(SSH_FAILED, A, sec(30)))).singleElement()
        .satisfies(i -> assertThat(i.kinds()).containsEntry(EventKind.UNKNOWN_USER, 4L).containsEntry(EventKind.AUTH_FAILURE, 1L)
            .doesNotContainKey(EventKind.SCANNER));
  }

  @Test
  void sourcesAreCountedApart() {
    for (int i = 0; i < 4; i++) {
      assertThat(detector.accept(event(SSH_FAILED, A, sec(i)))).isEmpty();
      assertThat(detector.accept(event(SSH_FAILED, "198.51.100.8", sec(i)))).isEmpty();
    }
  }

  @Test
  void anOpenIncidentIsExtendedThenClosesAfterTheQuietTimeAndCanOpenAgain() {
    List<Incident> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.addAll(detector.accept(event(SSH_FAILED, A, sec(i * 10))));
    }
    assertThat(all).hasSize(1);
    assertThat(detector.active()).singleElement().satisfies(i -> {
      assertThat(i.count()).isEqualTo(8);
      assertThat(i.last()).isEqualTo(sec(70));
    });
    // Last event at 70 s, quiet time 10 min: still open at 670 s, closed just after.
    assertThat(detector.advanceTo(sec(670))).isEmpty();
    List<Incident> closed = detector.advanceTo(sec(671));
    assertThat(closed).singleElement().satisfies(i -> {
      assertThat(i.active()).isFalse();
      assertThat(i.count()).isEqualTo(8);
    });
    assertThat(detector.active()).isEmpty();

    // After closing, the source starts from zero: four events do not fire, the fifth does.
    for (int i = 0; i < 4; i++) {
      assertThat(detector.accept(event(SSH_FAILED, A, sec(1000 + i)))).isEmpty();
    }
    assertThat(detector.accept(event(SSH_FAILED, A, sec(1004)))).singleElement()
        .satisfies(i -> assertThat(i.offenses()).as("repeat offender").isEqualTo(2));
    assertThat(detector.offenses(IpPrefix.parse(A))).isEqualTo(2);
    assertThat(detector.offenses(IpPrefix.parse("198.51.100.99"))).isZero();
  }

  @Test
  void anEventAfterTheQuietTimeClosesTheOldIncidentAndCountsAfresh() {
    for (int i = 0; i < 5; i++) {
      detector.accept(event(SSH_FAILED, A, sec(i)));
    }
    List<Incident> out = detector.accept(event(SSH_FAILED, A, sec(2000)));
    assertThat(out).singleElement().satisfies(i -> assertThat(i.active()).isFalse());
  }

  @Test
  void aLiveDetectorClosesIncidentsWhenItsClockMovesOn() {
    java.time.Instant[] now = {sec(0)};
    Detector live = Detector.builder(new DetectionConfig(Settings.defaults(),
        List.of(Scenario.threshold("ssh", SSH, 5, Duration.ofMinutes(10))))).clock(() -> now[0]).build();
    for (int i = 0; i < 5; i++) {
      live.accept(event(SSH_FAILED, A, sec(i)));
    }
    now[0] = sec(604);
    assertThat(live.tick()).isEmpty();
    now[0] = sec(605);
    assertThat(live.tick()).singleElement().satisfies(i -> assertThat(i.active()).isFalse());
    assertThat(detector.tick()).as("without a clock, time moves with the events only").isEmpty();
  }

  @Test
  void flushClosesEverythingOpen() {
    for (int i = 0; i < 5; i++) {
      detector.accept(event(SSH_FAILED, A, sec(i)));
    }
    assertThat(detector.flush()).singleElement().satisfies(i -> assertThat(i.active()).isFalse());
    assertThat(detector.active()).isEmpty();
    assertThat(detector.trackedKeys()).isZero();
    assertThat(detector.flush()).isEmpty();
  }

  @Test
  void outOfOrderEventsAreCountedWithoutGoingBackInTime() {
    detector.accept(event(SSH_FAILED, A, sec(100)));
    detector.accept(event(SSH_FAILED, A, sec(50)));
    detector.accept(event(SSH_FAILED, A, sec(101)));
    detector.accept(event(SSH_FAILED, A, sec(20)));
    assertThat(detector.accept(event(SSH_FAILED, A, sec(102)))).singleElement()
        .satisfies(i -> assertThat(i.first()).isEqualTo(sec(20)));
  }
}
