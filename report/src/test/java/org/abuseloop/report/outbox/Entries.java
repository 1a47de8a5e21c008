package org.abuseloop.report.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;

/**
 * Outbox reports built by hand for the pure tests, with documentation addresses and made-up desks.
 * Thread-safe: static factories of immutable values.
 */
final class Entries {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final String DESK = "abuse@provider.example";
  static final String OTHER_DESK = "abuse@other.example";

  private Entries() {}

  static NewReport report(String source, String contact, Instant first) {
    UUID id = UUID.nameUUIDFromBytes((source + "|" + first).getBytes(StandardCharsets.UTF_8));
    return new NewReport(id, source, "sshd-bf", first, first.plusSeconds(300), "Example Cloud", contact, "text",
        "Abuse report " + id + "\nSource: " + source + "\n");
  }

  static ReportEntry queued(String source, String contact, Instant queuedAt) {
    return new ReportEntry(report(source, contact, queuedAt.minusSeconds(600)), ReportStatus.QUEUED, queuedAt, queuedAt,
        null, null, null, queuedAt, null, null);
  }
}
