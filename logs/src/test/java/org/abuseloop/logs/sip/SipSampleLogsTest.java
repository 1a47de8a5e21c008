package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** The demo's sample logs are the generator's output, and read as the attacks they stage. */
class SipSampleLogsTest {

  private static final List<IpPrefix> DOCUMENTATION = List.of(
      IpPrefix.parse("192.0.2.0/24"), IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("203.0.113.0/24"),
      IpPrefix.parse("2001:db8::/32"));

  private static Path examples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/logs"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("no examples/logs above %s", Path.of("").toAbsolutePath()).isNotNull();
    return dir.resolve("examples/logs");
  }

  private static String committed(String name) throws IOException {
    return Files.readString(examples().resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void theCommittedFilesAreTheGeneratorsOutput() throws IOException {
    String hint = "regenerate with: java -cp logs/target/test-classes:logs/target/classes:core/target/classes "
        + "org.abuseloop.logs.sip.SipSampleLogs examples/logs";
    assertThat(committed(SipSampleLogs.ASTERISK_FILE)).as(hint).isEqualTo(SipSampleLogs.asteriskMessages());
    assertThat(committed(SipSampleLogs.FREESWITCH_FILE)).as(hint).isEqualTo(SipSampleLogs.freeswitchLog());
  }

  @Test
  void theAsteriskSampleStagesItsAttacks() throws IOException {
    String text = committed(SipSampleLogs.ASTERISK_FILE);
    List<Event> events = ParsedLines.events(text.getBytes(StandardCharsets.UTF_8));
    long lines = text.lines().count();
    long ordinary = text.lines().filter(l -> l.contains("VERBOSE[") || l.contains("is now Reachable")).count();
    assertThat(lines).isBetween(200L, 600L);
    assertThat(events).hasSize((int) (lines - ordinary)).allSatisfy(e -> {
      assertThat(e.service()).isEqualTo(Service.ASTERISK);
      assertThat(DOCUMENTATION).anySatisfy(p -> assertThat(p.contains(e.source())).isTrue());
    });
    Map<String, Long> bySource = events.stream().collect(Collectors.groupingBy(Event::sourceText, Collectors.counting()));
    assertThat(bySource).containsEntry("203.0.113.66", 120L);
    assertThat(kinds(events, "203.0.113.66")).containsOnly(EventKind.AUTH_FAILURE);
    assertThat(kinds(events, "198.51.100.23")).containsOnly(EventKind.UNKNOWN_USER, EventKind.AUTH_FAILURE);
    assertThat(kinds(events, "198.51.100.77")).containsOnly(EventKind.UNKNOWN_EXTENSION);
    assertThat(events).extracting(e -> e.family().id()).contains(
        "asterisk.pjsip.no-endpoint", "asterisk.pjsip.auth-failed", "asterisk.iax.auth-failed", "asterisk.ami.unknown-user",
        "asterisk.security.invalid-password", "asterisk.security.failed-acl", "asterisk.freepbx.unknown-connection");
    assertThat(events).extracting(Event::source).contains(IpAddress.of("2001:db8:bad::17"));
  }

  @Test
  void theFreeswitchSampleStagesItsAttacks() throws IOException {
    String text = committed(SipSampleLogs.FREESWITCH_FILE);
    List<Event> events = ParsedLines.events(text.getBytes(StandardCharsets.UTF_8));
    long lines = text.lines().count();
    long ordinary = text.lines().filter(l -> !l.contains("[WARNING]")).count();
    assertThat(lines).isBetween(150L, 600L);
    assertThat(events).hasSize((int) (lines - ordinary)).allSatisfy(e -> {
      assertThat(e.service()).isEqualTo(Service.FREESWITCH);
      assertThat(DOCUMENTATION).anySatisfy(p -> assertThat(p.contains(e.source())).isTrue());
    });
    assertThat(kinds(events, "203.0.113.66")).containsOnly(EventKind.AUTH_FAILURE);
    assertThat(kinds(events, "198.51.100.23")).containsOnly(EventKind.UNKNOWN_USER, EventKind.AUTH_FAILURE);
    assertThat(kinds(events, "203.0.113.140")).containsOnly(EventKind.ACL_REJECT);
    assertThat(events).extracting(e -> e.family().id()).contains("freeswitch.sip.auth-challenge", "freeswitch.acl.register-rejected");
  }

  private static List<EventKind> kinds(List<Event> events, String source) {
    return events.stream().filter(e -> e.sourceText().equals(source)).map(Event::kind).distinct().toList();
  }
}
