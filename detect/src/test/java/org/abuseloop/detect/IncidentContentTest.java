package org.abuseloop.detect;

import static org.abuseloop.detect.Events.SSH_INVALID;
import static org.abuseloop.detect.Events.sec;
import static org.abuseloop.detect.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Event;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** What an incident carries: bounded evidence and target tallies, counts and rates, cut user names. */
class IncidentContentTest {

  private static final String A = "198.51.100.7";

  private final Settings settings = new Settings(1000, 3, 4, 24, 64, List.of(), false, false);
  private final Detector detector = Detector.builder(new DetectionConfig(settings, List.of(
      Scenario.threshold("ssh", EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.UNKNOWN_USER)), 2, Duration.ofMinutes(10)))))
      .build();

  @Test
  void evidenceAndTargetsAreBoundedAndCounted() {
    for (int i = 0; i < 10; i++) {
      detector.accept(user(SSH_INVALID, A, sec(i * 6), "user" + (i % 6)));
    }
    Incident i = detector.flush().get(0);
    assertThat(i.count()).isEqualTo(10);
    assertThat(i.evidence()).hasSize(3).extracting(Evidence::time).containsExactly(sec(0), sec(6), sec(12));
    assertThat(i.evidence().get(0)).satisfies(e -> {
      assertThat(e.family()).isEqualTo(SSH_INVALID);
      assertThat(e.file()).isEqualTo("test.log");
      assertThat(e.line()).isPositive();
      assertThat(e.source().toString()).isEqualTo(A);
      assertThat(e.raw()).isNull();
    });
    assertThat(i.users().values()).containsExactly("user0", "user1", "user2", "user3");
    assertThat(i.users().count("user0")).isEqualTo(2);
    assertThat(i.users().others()).as("user4 and user5, once each").isEqualTo(2);
    assertThat(i.ratePerMinute()).isEqualTo(10 * 60.0 / 54);
    assertThat(i.span()).isEqualTo(Duration.ofSeconds(54));
  }

  @Test
  void evidenceCarriesTheEventsPortsTargetAndProtocol() {
    detector.accept(Events.event(SSH_INVALID, A, sec(0), "admin", "192.0.2.10", 22));
    detector.accept(new Event(sec(1), ZoneOffset.ofHours(2), IpAddress.of(A), null, 0, null, 0, Protocol.UNKNOWN,
        SSH_INVALID, "root", new Origin("auth.log", 7, 0)));
    Incident i = detector.flush().get(0);

    assertThat(i.evidence()).hasSize(2);
    assertThat(i.evidence().get(0)).satisfies(e -> {
      assertThat(e.sourcePort()).isEqualTo(40000);
      assertThat(e.target()).isEqualTo(IpAddress.of("192.0.2.10"));
      assertThat(e.targetPort()).isEqualTo(22);
      assertThat(e.protocol()).isEqualTo(Protocol.TCP);
    });
    assertThat(i.evidence().get(1)).satisfies(e -> {
      assertThat(e.sourcePort()).isZero();
      assertThat(e.target()).isNull();
      assertThat(e.targetPort()).isZero();
      assertThat(e.protocol()).isEqualTo(Protocol.UNKNOWN);
      assertThat(e.offset()).isEqualTo(ZoneOffset.ofHours(2));
    });
  }

  @Test
  void attackerControlledUserNamesAreCut() {
    String huge = "x".repeat(100_000);
    detector.accept(user(SSH_INVALID, A, sec(0), huge));
    Incident i = detector.accept(user(SSH_INVALID, A, sec(1), huge)).get(0);
    assertThat(i.users().values()).singleElement().satisfies(u -> assertThat(u).hasSize(Sighting.MAX_USER));
  }

  @Test
  void allEventsAtOneInstantGiveAFiniteRate() {
    detector.accept(user(SSH_INVALID, A, sec(0), "a"));
    Incident i = detector.accept(user(SSH_INVALID, A, sec(0), "b")).get(0);
    assertThat(i.ratePerMinute()).isEqualTo(120.0);
  }
}
