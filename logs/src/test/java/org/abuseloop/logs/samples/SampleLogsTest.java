package org.abuseloop.logs.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.firewall.NetfilterParser;
import org.abuseloop.logs.sip.KamailioParser;
import org.junit.jupiter.api.Test;

/**
 * The demo's sample logs: the committed files are {@link SampleLogs}' output, they hold documentation
 * addresses only, and each line gives the event (or none) its kind of line should.
 */
class SampleLogsTest {

  private static final Path DIR = Path.of("..", "examples", "logs");
  private static final List<IpPrefix> DOCUMENTATION = List.of(IpPrefix.parse("192.0.2.0/24"),
      IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("203.0.113.0/24"), IpPrefix.parse("2001:db8::/32"));

  @Test
  void theCommittedFilesAreTheGeneratorsOutput() throws IOException {
    assertThat(Files.readString(DIR.resolve("kern-firewall.log"), StandardCharsets.UTF_8)).isEqualTo(SampleLogs.firewall());
    assertThat(Files.readString(DIR.resolve("kamailio.log"), StandardCharsets.UTF_8)).isEqualTo(SampleLogs.kamailio());
  }

  @Test
  void firewallLogGivesOneDenyPerRefusedPacketLine() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("kern-firewall.log"), StandardCharsets.UTF_8);
    long denials = lines.stream().filter(l -> l.contains(" SRC=") && !l.contains(" IN= ")
        && !l.contains("[UFW AUDIT]") && !l.contains("[UFW ALLOW]")).count();
    List<Event> events = new ArrayList<>();
    ParseStats stats = parse("kern-firewall.log", events);

    assertThat(lines).hasSizeBetween(2000, 4000);
    assertThat(stats.events()).isEqualTo(denials).isEqualTo(events.size());
    assertThat(stats.eventsByFamily().keySet())
        .containsExactlyInAnyOrder(NetfilterParser.DENY, NetfilterParser.UFW_BLOCK, NetfilterParser.UFW_LIMIT);
    assertDocumentationSources(events);
    Map<Integer, Integer> byPort = new HashMap<>();
    events.forEach(e -> byPort.merge(e.targetPort(), 1, Integer::sum));
    assertThat(byPort.get(1080)).as("TCP 1080 sweeps are most of it").isGreaterThan(events.size() / 2);
    assertThat(events).anySatisfy(e -> assertThat(e.source().isIPv4()).isFalse());
  }

  @Test
  void kamailioLogGivesOneEventPerAttackLine() throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve("kamailio.log"), StandardCharsets.UTF_8);
    long attacks = lines.stream().filter(l -> l.contains("<script>: abuseloop: outcome=") || l.contains("PIKE - BLOCKing ip ")
        || l.contains("receive_msg(): core parsing of SIP message failed") || l.contains("tls_h_read_f(): src addr: ")).count();
    List<Event> events = new ArrayList<>();
    ParseStats stats = parse("kamailio.log", events);

    assertThat(stats.events()).isEqualTo(attacks);
    assertThat(stats.eventsByFamily().keySet()).containsExactlyInAnyOrderElementsOf(new KamailioParser().families());
    assertDocumentationSources(events);
    assertThat(events).filteredOn(e -> e.family() == KamailioParser.UNKNOWN_USER).extracting(Event::user).doesNotHaveDuplicates()
        .hasSize(300);
  }

  private static ParseStats parse(String file, List<Event> events) throws IOException {
    return new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null).parse(DIR.resolve(file), events::add);
  }

  private static void assertDocumentationSources(List<Event> events) {
    for (Event e : events) {
      assertThat(isDocumentation(e.source())).as("source %s", e.source()).isTrue();
      assertThat(e.target() == null || isDocumentation(e.target())).as("target %s", e.target()).isTrue();
    }
  }

  private static boolean isDocumentation(IpAddress a) {
    return DOCUMENTATION.stream().anyMatch(p -> p.contains(a));
  }
}
