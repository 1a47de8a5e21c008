package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;

/**
 * Runs log text through the whole pipeline (format sniffing, envelope, the standard parsers) as a file
 * would be, in UTC, for the parser tests. {@code reference} stands for the file's modification time,
 * which gives syslog dates their year. Stateless and thread-safe.
 */
public final class TestLogs {

  private TestLogs() {}

  /** The events of {@code file}, in order. */
  public static List<Event> events(Instant reference, byte[] file) {
    List<Event> out = new ArrayList<>();
    try {
      new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null).parse("test", new ByteArrayInputStream(file), reference, out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The events of {@code lines} read as one file, in order. */
  public static List<Event> events(Instant reference, String... lines) {
    return events(reference, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  /** The single event of {@code line}, failing the test when it gives none or several. */
  public static Event one(Instant reference, String line) {
    List<Event> events = events(reference, line);
    assertThat(events).as(line).hasSize(1);
    return events.get(0);
  }
}
