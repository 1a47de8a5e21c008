package org.abuseloop.report.outbox;

import java.util.List;
import org.abuseloop.core.outbox.ReportEntry;

/**
 * The reports that go to one contact in one message; a follow-up of a resolved report travels alone,
 * so that it can answer the earlier message. Immutable and thread-safe.
 *
 * @param contact the abuse desk's address
 * @param reports the reports, oldest queued first
 */
record Batch(String contact, List<ReportEntry> reports) {

  Batch {
    reports = List.copyOf(reports);
  }

  /** True when this batch follows up an earlier, resolved report. */
  boolean isFollowUp() {
    return reports.get(0).follows() != null;
  }
}
