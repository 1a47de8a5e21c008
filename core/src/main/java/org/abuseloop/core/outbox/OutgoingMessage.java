package org.abuseloop.core.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One message of the outbox: one contact, the reports it carries, its stable Message-ID and text, and
 * how its sending goes. Immutable and thread-safe.
 *
 * @param messageId the stable Message-ID, angle brackets included; every attempt sends this same one
 * @param contact the recipient
 * @param subject the subject line, ending in the tag {@code [abuseloop SHORTID]}
 * @param body the plain-text body
 * @param references the Message-IDs this one follows up (space-separated), or null
 * @param reportIds the reports it carries
 * @param status where its sending stands
 * @param attempts how many times it was handed to SMTP
 * @param nextAttemptAt when it may be tried (again), null once sent or given up
 * @param claimedAt when its current attempt began (status sending), else null
 * @param sentAt when SMTP accepted it, else null
 * @param lastError the last refusal or fault, null when none
 * @param createdAt when it was composed
 * @param channel how it goes: {@link #SMTP}, {@link #ABUSEIPDB} or {@link #MSRC}
 * @param format the report format it carries ({@code text}, {@code xarf}, {@code xarf-mail}, ...)
 */
public record OutgoingMessage(
    String messageId, String contact, String subject, String body, String references, List<UUID> reportIds,
    MessageStatus status, int attempts, Instant nextAttemptAt, Instant claimedAt, Instant sentAt,
    String lastError, Instant createdAt, String channel, String format) {

  /** A mail handed to an SMTP server. */
  public static final String SMTP = "smtp";
  /** A call of AbuseIPDB's v2 API (report, or bulk-report for several). */
  public static final String ABUSEIPDB = "abuseipdb";
  /** A call of Microsoft's Report Abuse API. */
  public static final String MSRC = "msrc";

  /** A plain-text mail. */
  public OutgoingMessage(String messageId, String contact, String subject, String body, String references,
      List<UUID> reportIds, MessageStatus status, int attempts, Instant nextAttemptAt, Instant claimedAt,
      Instant sentAt, String lastError, Instant createdAt) {
    this(messageId, contact, subject, body, references, reportIds, status, attempts, nextAttemptAt, claimedAt, sentAt,
        lastError, createdAt, SMTP, "text");
  }

  /** True for a mail, false for an API call. */
  public boolean isMail() {
    return SMTP.equals(channel);
  }

  public OutgoingMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    reportIds = List.copyOf(reportIds);
    channel = channel == null ? SMTP : channel;
    format = format == null ? "text" : format;
  }

  /** This message with its report ids (the store reads them separately). */
  public OutgoingMessage withReportIds(List<UUID> ids) {
    return new OutgoingMessage(messageId, contact, subject, body, references, ids, status, attempts, nextAttemptAt,
        claimedAt, sentAt, lastError, createdAt, channel, format);
  }
}
