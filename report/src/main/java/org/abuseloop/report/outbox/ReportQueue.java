package org.abuseloop.report.outbox;

import java.time.Clock;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.report.AbuseReport;
import org.abuseloop.report.TextReport;

/**
 * Puts abuse reports in the outbox, each under its stable report id, so the same source, scenario and
 * window is queued (and sent) once however often the logs are read again. Thread-safe as far as its
 * ledger is.
 */
public final class ReportQueue {

  private final OutboxLedger ledger;
  private final Clock clock;
  private final TextReport text = new TextReport();

  public ReportQueue(OutboxLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Queues {@code report} for {@code contact} as plain text. */
  public OutboxLedger.Enqueued queue(AbuseReport report, String provider, String contact) {
    return queue(report, provider, contact, "text", text.render(report));
  }

  /** Queues {@code report} for {@code contact}, already rendered in {@code format} as {@code body}. */
  public OutboxLedger.Enqueued queue(AbuseReport report, String provider, String contact, String format, String body) {
    NewReport r = new NewReport(report.id(), report.source(), report.scenario(), report.first(), report.last(), provider,
        contact.strip(), format, body);
    return ledger.enqueue(r, ReportStatus.QUEUED, clock.instant());
  }
}
