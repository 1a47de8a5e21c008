package org.abuseloop.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One log line quoted in an incident: when, in which offset, which message family, from which source,
 * and where to find it (file and line). Immutable and thread-safe; {@code raw} is the line's text only
 * when the event carried it (events do not today, so reports cite file and line).
 *
 * @param time the instant of the line
 * @param offset the UTC offset the line's timestamp was written in
 * @param family the message family of the line
 * @param source the attacking address the line names
 * @param file the file or source name the line was read from
 * @param line the 1-based line number in that file
 * @param raw the line's text, or null
 */
public record Evidence(
    Instant time, ZoneOffset offset, Family family, IpAddress source, String file, long line, String raw) {

  public Evidence {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(family, "family");
  }

  /** The evidence of one event: its time, family, source and origin (no raw text: events carry none). */
  public static Evidence of(Event e) {
    Origin o = e.origin();
    return new Evidence(e.time(), e.offset(), e.family(), e.source(),
        o == null ? null : o.file(), o == null ? 0 : o.line(), null);
  }
}
