package org.abuseloop.core.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One report as the outbox keeps it: what was queued, where it stands, which message carries it and
 * what came back. Immutable and thread-safe.
 *
 * @param report what was queued
 * @param status where it stands
 * @param queuedAt when it was queued
 * @param updatedAt when its status last changed
 * @param messageId the Message-ID of the message that carries it, null before it is batched
 * @param sentAt when SMTP accepted that message, null before
 * @param firstAnswerAt when the first answer (a person's, not an automatic acknowledgement) came, or null
 * @param lastSeen the last attack of this source known so far (this window's end, or a later report's)
 * @param follows the earlier report this one follows up (the source re-offended after it was resolved)
 * @param lastError why it is not sent (failed), or null
 * @param formFile for a report left to a person ({@link ReportStatus#MANUAL}): the file holding the web form's
 *     prefilled fields; else null
 */
public record ReportEntry(
    NewReport report, ReportStatus status, Instant queuedAt, Instant updatedAt, String messageId,
    Instant sentAt, Instant firstAnswerAt, Instant lastSeen, UUID follows, String lastError, String formFile) {

  /** An entry that is not left to a person. */
  public ReportEntry(NewReport report, ReportStatus status, Instant queuedAt, Instant updatedAt, String messageId,
      Instant sentAt, Instant firstAnswerAt, Instant lastSeen, UUID follows, String lastError) {
    this(report, status, queuedAt, updatedAt, messageId, sentAt, firstAnswerAt, lastSeen, follows, lastError, null);
  }

  /** The report's id. */
  public UUID id() {
    return report.id();
  }

  /** The first eight hex digits of the id: what the operator types to approve it. */
  public String shortId() {
    return report.id().toString().substring(0, 8);
  }
}
