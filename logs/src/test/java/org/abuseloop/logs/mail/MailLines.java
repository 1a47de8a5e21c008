package org.abuseloop.logs.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.abuseloop.core.Event;
import org.abuseloop.logs.LineParser;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.SyslogEnvelope;
import org.abuseloop.logs.TimeReader;

/**
 * Parses single lines through the standard catalog, as a syslog file whose lines are dispatched by
 * program. Stateless; each call builds its own line parser, so it is thread-safe.
 */
final class MailLines {

  private static final Instant REFERENCE = Instant.parse("2030-06-30T00:00:00Z");

  private MailLines() {}

  /** The event of one full line, or null. */
  static Event parse(String line) {
    return parse(line.getBytes(StandardCharsets.UTF_8));
  }

  static Event parse(byte[] line) {
    LineParser parser = new LineParser(ParserCatalog.standard(), new LogFormat(new SyslogEnvelope(), null),
        new TimeReader(ZoneOffset.UTC, REFERENCE), "test");
    return parser.parse(line, 0, line.length, 1, 0);
  }

  /** The event of a message written by {@code program} on a syslog line. */
  static Event syslog(String program, String message) {
    return parse("Jun 12 08:58:35 mx " + program + ": " + message);
  }
}
