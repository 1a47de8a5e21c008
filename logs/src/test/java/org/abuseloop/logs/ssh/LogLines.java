package org.abuseloop.logs.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.logs.TestLogs;

/** Feeds syslog lines through the standard catalog for the ssh parser tests. */
final class LogLines {

  static final String SSHD = "Jun 12 10:00:00 host sshd[4242]: ";
  static final String DROPBEAR = "Jun 12 10:00:00 host dropbear[77]: ";

  private LogLines() {}

  /** The events of {@code lines} read as one log, in order. */
  static List<Event> parse(String... lines) {
    return parse(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  static List<Event> parse(byte[] log) {
    return TestLogs.events(Instant.parse("2024-06-30T00:00:00Z"), log);
  }

  /** The one event of an sshd message (framed as sshd's). */
  static Event sshd(String message) {
    List<Event> events = parse(SSHD + message);
    assertThat(events).as(message).hasSize(1);
    return events.get(0);
  }

  /** The events of an sshd message on its own (framed as sshd's). */
  static List<Event> sshdAll(String message) {
    return parse(SSHD + message);
  }

  static Event dropbear(String message) {
    List<Event> events = parse(DROPBEAR + message);
    assertThat(events).as(message).hasSize(1);
    return events.get(0);
  }
}
