package org.abuseloop.report.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.ReportEntry;

/**
 * Turns a {@link Batch} into the message the desk gets: a Message-ID derived from the report ids (the
 * same reports always give the same Message-ID), a subject with the tag {@code [abuseloop SHORTID]}
 * that replies keep, and a body in the batch's format: for a person, one line per source and then each
 * report in full as text, with the machine-readable reports attached when the desk takes them so; or the
 * report's own mail; or the API call. A follow-up cites
 * the report it follows and references its message. Immutable and thread-safe.
 */
final class MessageComposer {

  /** What a subject tag starts with; the short id and {@code ]} follow. */
  static final String TAG = "[abuseloop ";

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

  private final String domain;
  private final String organisation;

  /**
   * @param domain the right-hand side of the Message-IDs (the reporter's mail domain)
   * @param organisation who reports, as the desk should read it
   */
  MessageComposer(String domain, String organisation) {
    this.domain = domain;
    this.organisation = organisation;
  }

  /** The stable Message-ID of a message carrying exactly {@code reportIds} (order does not matter). */
  String messageId(List<UUID> reportIds) {
    return "<abuseloop." + batchId(reportIds) + "@" + domain + ">";
  }

  /** The message for {@code batch}; {@code followed} is the report it follows up (null unless a follow-up). */
  OutgoingMessage compose(Batch batch, ReportEntry followed, Instant now) {
    List<UUID> ids = batch.reports().stream().map(ReportEntry::id).toList();
    String tag = batchId(ids).toString().substring(0, 8);
    String references = followed == null ? null : followed.messageId();
    String format = batch.reports().get(0).report().format();
    return new OutgoingMessage(messageId(ids), batch.contact(), subject(batch, followed, tag),
        content(batch, followed, format, batchId(ids).toString()), references, ids, MessageStatus.PENDING, 0, now, null,
        null, null, now, Channels.of(format), format);
  }

  /**
   * What the message holds as it will be sent: plain text; the text with the reports attached (X-ARF v4,
   * IODEF, AWS CSV); the report's own mail (X-ARF 0.2, ARF: one report each); or the API call's body
   * (AbuseIPDB's parameters, or its bulk CSV for several reports; Microsoft's JSON).
   */
  private String content(Batch batch, ReportEntry followed, String format, String seed) {
    List<ReportEntry> reports = batch.reports();
    if (OutboxMime.ATTACHED.contains(format)) {
      return OutboxMime.withAttachments(body(batch, followed), reports, format, seed);
    }
    if (Channels.WHOLE_MAIL.contains(format) || format.equals("msrc-api")) {
      return reports.get(0).report().body();
    }
    if (format.equals("abuseipdb")) {
      return reports.size() == 1 ? reports.get(0).report().body()
          : org.abuseloop.report.AbuseIpdbReport.bulkCsvOf(reports.stream().map(e -> e.report().body()).toList());
    }
    return body(batch, followed);
  }

  private static UUID batchId(List<UUID> reportIds) {
    String names = reportIds.stream().map(UUID::toString).sorted().collect(Collectors.joining("\n"));
    return UUID.nameUUIDFromBytes(("abuseloop-message\n" + names).getBytes(StandardCharsets.UTF_8));
  }

  private static String subject(Batch batch, ReportEntry followed, String tag) {
    int n = batch.reports().size();
    String what = followed != null
        ? "Follow-up: " + followed.report().source() + " attacks again after it was resolved"
        : n == 1 ? "Abuse report: " + batch.reports().get(0).report().source() + " attacking us"
        : "Abuse report: " + n + " sources in your network attacking us";
    return what + " " + TAG + tag + "]";
  }

  private String body(Batch batch, ReportEntry followed) {
    StringBuilder b = new StringBuilder();
    b.append("Hello,\n\n");
    if (followed != null) {
      b.append("We reported ").append(followed.report().source()).append(" to you on ").append(time(followed.sentAt()))
          .append(" (report ").append(followed.id()).append(", message ").append(followed.messageId())
          .append("), and you answered on ").append(time(followed.firstAnswerAt()))
          .append(" that it was dealt with. It attacked us again; the new report follows.\n\n");
    } else {
      b.append(organisation).append(" reports the following abuse from your network:\n\n");
    }
    for (ReportEntry e : batch.reports()) {
      b.append("  ").append(e.report().source()).append("  ").append(e.report().scenario()).append("  ")
          .append(time(e.report().first())).append(" .. ").append(time(e.report().last()))
          .append("  report ").append(e.id()).append('\n');
    }
    b.append("\nPlease keep the tag in the subject, or quote the report id, when you answer.\n");
    String format = batch.reports().get(0).report().format();
    if (OutboxMime.ATTACHED.contains(format)) {
      b.append(switch (format) {
        case "xarf" -> "Each source's report is attached as an X-ARF v4 JSON document (xarf-REPORT_ID.json).\n";
        case "iodef" -> "Each source's report is attached as an IODEF (RFC 7970) document (iodef-REPORT_ID.xml).\n";
        default -> "The sources are attached as one CSV file (abuse-report.csv), one row per source and target.\n";
      });
    }
    for (ReportEntry e : batch.reports()) {
      b.append("\n----- report ").append(e.id()).append(" -----\n");
      b.append(e.report().readable());
      if (!e.report().readable().endsWith("\n")) {
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static String time(Instant t) {
    return t == null ? "(unknown)" : UTC.format(t.atOffset(ZoneOffset.UTC));
  }
}
