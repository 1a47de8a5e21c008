package org.abuseloop.report.outbox;

import static org.abuseloop.report.outbox.Entries.DESK;
import static org.abuseloop.report.outbox.Entries.OTHER_DESK;
import static org.abuseloop.report.outbox.Entries.T0;
import static org.abuseloop.report.outbox.Entries.queued;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.abuseloop.core.outbox.ReportEntry;
import org.junit.jupiter.api.Test;

/** Batching per contact and period, rate limits, follow-ups alone, and the backoff; pure, no I/O. */
class BatchingTest {

  private static final OutboxPolicy HOURLY = OutboxPolicy.defaults().withMode(OutboxPolicy.Mode.AUTOMATIC);

  @Test
  void oneMessagePerContactAndPeriodOnceThePeriodEnded() {
    ReportEntry a = queued("203.0.113.9", DESK, T0.plusSeconds(60));
    ReportEntry b = queued("203.0.113.10", DESK, T0.plusSeconds(120));
    ReportEntry c = queued("198.51.100.7", OTHER_DESK, T0.plusSeconds(180));
    ReportEntry later = queued("203.0.113.11", DESK, T0.plus(Duration.ofMinutes(70)));
    List<ReportEntry> ready = List.of(a, b, c, later);

    assertThat(new Batching(HOURLY).plan(ready, Map.of(), T0.plusSeconds(3599))).isEmpty();

    List<Batch> due = new Batching(HOURLY).plan(ready, Map.of(), T0.plus(Duration.ofMinutes(61)));

    assertThat(due).extracting(Batch::contact).containsExactly(DESK, OTHER_DESK);
    assertThat(due.get(0).reports()).containsExactly(a, b);
    assertThat(due.get(1).reports()).containsExactly(c);
  }

  @Test
  void aZeroPeriodSendsWhatIsQueuedAtOnce() {
    OutboxPolicy now = new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, Duration.ZERO, 4, Duration.ofMinutes(1),
        Duration.ofHours(1), 5, Duration.ofMinutes(10));
    ReportEntry a = queued("203.0.113.9", DESK, T0);
    ReportEntry b = queued("203.0.113.10", DESK, T0.plus(Duration.ofHours(3)));

    List<Batch> due = new Batching(now).plan(List.of(a, b), Map.of(), T0.plus(Duration.ofHours(3)));

    assertThat(due).singleElement().satisfies(x -> assertThat(x.reports()).containsExactly(a, b));
  }

  @Test
  void theRateLimitCountsWhatTheContactGotInTheLastDay() {
    OutboxPolicy twoADay = new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, Duration.ofHours(1), 2, Duration.ofMinutes(1),
        Duration.ofHours(1), 5, Duration.ofMinutes(10));
    List<ReportEntry> ready = List.of(queued("203.0.113.9", DESK, T0), queued("203.0.113.10", DESK, T0.plusSeconds(3600)),
        queued("203.0.113.11", DESK, T0.plusSeconds(7200)), queued("198.51.100.7", OTHER_DESK, T0));
    java.time.Instant now = T0.plus(Duration.ofHours(4));

    assertThat(new Batching(twoADay).plan(ready, Map.of(), now)).extracting(Batch::contact)
        .containsExactly(DESK, DESK, OTHER_DESK);
    assertThat(new Batching(twoADay).plan(ready, Map.of(DESK, 1), now)).extracting(Batch::contact)
        .containsExactly(DESK, OTHER_DESK);
    assertThat(new Batching(twoADay).plan(ready, Map.of(DESK, 2), now)).extracting(Batch::contact)
        .containsExactly(OTHER_DESK);
  }

  @Test
  void aFollowUpTravelsAlone() {
    ReportEntry a = queued("203.0.113.9", DESK, T0);
    ReportEntry plain = queued("203.0.113.10", DESK, T0);
    ReportEntry followUp = new ReportEntry(a.report(), a.status(), a.queuedAt(), a.updatedAt(), null, null, null,
        a.lastSeen(), UUID.randomUUID(), null);

    List<Batch> due = new Batching(HOURLY).plan(List.of(plain, followUp), Map.of(), T0.plus(Duration.ofHours(2)));

    assertThat(due).hasSize(2);
    assertThat(due).filteredOn(Batch::isFollowUp).singleElement().satisfies(x -> assertThat(x.reports()).containsExactly(followUp));
  }

  @Test
  void backoffDoublesUpToItsCapAndEnds() {
    OutboxPolicy p = new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, Duration.ZERO, 4, Duration.ofMinutes(1),
        Duration.ofMinutes(5), 4, Duration.ofMinutes(10));
    Backoff backoff = new Backoff(p);

    assertThat(backoff.next(1, T0)).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(backoff.next(2, T0)).isEqualTo(T0.plus(Duration.ofMinutes(2)));
    assertThat(backoff.next(3, T0)).isEqualTo(T0.plus(Duration.ofMinutes(4)));
    assertThat(backoff.next(4, T0)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(backoff.next(60, T0)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(backoff.exhausted(3)).isFalse();
    assertThat(backoff.exhausted(4)).isTrue();
  }
}
