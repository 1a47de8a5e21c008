package org.abuseloop.report.outbox;

import static org.abuseloop.report.outbox.Entries.DESK;
import static org.abuseloop.report.outbox.Entries.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.ProviderScore;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.junit.jupiter.api.Test;

/** The desks' scoreboard computed from a history whose figures are known by construction; pure. */
class ScoreboardTest {

  private static ReportEntry sent(String source, String provider, ReportStatus status, Duration answerAfter,
      Duration attacksAfter) {
    NewReport base = Entries.report(source, DESK, T0);
    NewReport r = new NewReport(base.id(), source, base.scenario(), base.first(), base.last(), provider, DESK, "text",
        base.body());
    Instant sentAt = T0.plus(Duration.ofHours(1));
    return new ReportEntry(r, status, T0, T0, "<m>", sentAt, answerAfter == null ? null : sentAt.plus(answerAfter),
        attacksAfter == null ? r.last() : sentAt.plus(attacksAfter), null, null);
  }

  @Test
  void perProviderSentShareAnsweredAndMedians() {
    List<ReportEntry> history = List.of(
        sent("203.0.113.1", "Example Cloud", ReportStatus.RESOLVED, Duration.ofHours(2), Duration.ofHours(3)),
        sent("203.0.113.2", "Example Cloud", ReportStatus.ANSWERED, Duration.ofHours(10), Duration.ofHours(30)),
        sent("203.0.113.3", "Example Cloud", ReportStatus.ACKNOWLEDGED, null, Duration.ofHours(50)),
        sent("203.0.113.4", "Example Cloud", ReportStatus.SENT, null, null),
        sent("198.51.100.1", "Other Hosting", ReportStatus.BOUNCED, null, Duration.ofMinutes(5)),
        sent("198.51.100.2", null, ReportStatus.RE_OFFENDED, Duration.ofMinutes(30), Duration.ofDays(3)),
        new ReportEntry(Entries.report("192.0.2.9", DESK, T0), ReportStatus.QUEUED, T0, T0, null, null, null, T0, null, null));

    List<ProviderScore> scores = new Scoreboard().scores(history);

    assertThat(scores).extracting(ProviderScore::provider).containsExactly("Example Cloud", "(unknown)", "Other Hosting");
    ProviderScore cloud = scores.get(0);
    assertThat(cloud.sent()).isEqualTo(4);
    assertThat(cloud.answered()).isEqualTo(2);
    assertThat(cloud.shareAnswered()).isEqualTo(0.5);
    assertThat(cloud.acknowledged()).isEqualTo(1);
    assertThat(cloud.resolved()).isEqualTo(1);
    assertThat(cloud.medianFirstAnswer()).isEqualTo(Duration.ofHours(6));
    // Until stopped: 3 h, 30 h, 50 h and 0 (the fourth stopped before it was reported): median 16.5 h.
    assertThat(cloud.medianUntilStopped()).isEqualTo(Duration.ofMinutes(990));
    ProviderScore other = scores.get(2);
    assertThat(other.bounced()).isEqualTo(1);
    assertThat(other.answered()).isZero();
    assertThat(other.medianFirstAnswer()).isNull();
    assertThat(other.medianUntilStopped()).isEqualTo(Duration.ofMinutes(5));
    assertThat(scores.get(1).resolved()).isEqualTo(1);
  }
}
