package org.abuseloop.logs.sip;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.logs.TestLogs;

/**
 * Runs lines through the whole log pipeline (format sniffing, envelope, parser), as a file would.
 * Stateless and thread-safe.
 */
final class ParsedLines {

  static final Instant REFERENCE = Instant.parse("2024-12-31T12:00:00Z");

  private ParsedLines() {}

  /** The events of the given lines read as one file, in UTC. */
  static List<Event> events(String... lines) {
    return events((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static List<Event> events(byte[] file) {
    return TestLogs.events(REFERENCE, file);
  }

  /** The one event of a one-line file, or null when the line gives none. */
  static Event event(String line) {
    List<Event> events = events(line);
    if (events.size() > 1) {
      throw new AssertionError("one line gave " + events.size() + " events: " + line);
    }
    return events.isEmpty() ? null : events.get(0);
  }
}
