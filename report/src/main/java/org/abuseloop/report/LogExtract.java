package org.abuseloop.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.abuseloop.core.Evidence;

/**
 * One quoted log line of a report: when (with the offset the log was written in), which message family,
 * and where (file and line), plus the line's text when the event carried it. Immutable and thread-safe;
 * file and text are already redacted.
 *
 * @param time the instant of the line
 * @param offset the offset the line's timestamp was written in
 * @param family the message family id, e.g. {@code sshd.invalid-user}
 * @param file the file the line was read from (redacted), or null
 * @param line the 1-based line number, 0 when unknown
 * @param raw the line's text (redacted), or null: events do not carry it today
 */
public record LogExtract(Instant time, ZoneOffset offset, String family, String file, long line, String raw) {

  public LogExtract {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(family, "family");
  }

  /** The extract of one evidence line, with the operator's names redacted. */
  static LogExtract of(Evidence e, Redaction redaction) {
    return new LogExtract(e.time(), e.offset(), e.family().id(), redaction.apply(e.file()), e.line(),
        redaction.apply(e.raw()));
  }

  /**
   * The extract as one line of text: the time in the log's own offset, the family, {@code file:line},
   * and the raw line after a tab when there is one.
   */
  public String text() {
    StringBuilder b = new StringBuilder()
        .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(offset)))
        .append(' ').append(family);
    if (file != null) {
      b.append(' ').append(file);
      if (line > 0) {
        b.append(':').append(line);
      }
    }
    if (raw != null) {
      b.append('\t').append(raw);
    }
    return b.toString();
  }
}
