package org.abuseloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.abuseloop.analysis.Breakdown;
import org.abuseloop.analysis.BreakdownBuilder;
import org.abuseloop.analysis.OwnerLookup;
import org.abuseloop.analysis.PortLabel;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
import org.abuseloop.logs.ParserCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Analyses a generated month of gateway firewall logs and checks the breakdown against what the
 * generator counted while writing it: every port's denied packets, the distinct sources, and the ten
 * busiest sources of TCP 1080 with their share.
 */
class FirewallMonthBreakdownTest {

  /** About 30 days at one line per 10 s on average. */
  private static final int LINES = 260_000;
  private static final int MAX_STEP_MILLIS = 20_000;
  private static final List<String> PORTS = List.of("tcp/1080", "tcp/22", "tcp/23", "tcp/3389", "tcp/445", "tcp/80", "tcp/8080",
      "udp/5060", "udp/53", "icmp");

  @TempDir
  static Path dir;
  private static FirewallBreakdown truth;
  private static Breakdown found;
  private static ParseStats stats;

  @BeforeAll
  static void generateAndAnalyse() throws IOException {
    FirewallLogGenerator generator = new FirewallLogGenerator(Generate.DEFAULT_SEED, 3_000, MAX_STEP_MILLIS);
    Path log = dir.resolve("kern.log");
    generator.write(LINES, log);
    truth = generator.breakdown();
    BreakdownBuilder builder = new BreakdownBuilder(ZoneOffset.UTC);
    stats = new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null).parse(log, builder::accept);
    found = builder.build(OwnerLookup.NONE, 20);
  }

  @Test
  void everyLineIsReadAndEveryDeniedPacketCounted() {
    assertThat(stats.lines()).isEqualTo(truth.lines());
    assertThat(found.total()).isEqualTo(truth.denied());
    assertThat(stats.events()).isEqualTo(truth.denied());
  }

  @Test
  void eachPortHasExactlyTheGeneratedPackets() {
    for (String port : PORTS) {
      assertThat(count(port)).as(port).isEqualTo(truth.port(port));
    }
  }

  @Test
  void tcp1080IsAboutAThirdAndItsTopTenAreTheGeneratedHeavySources() {
    Breakdown.PortShare socks = found.ports().get(0);
    assertThat(PortLabel.of(socks)).isEqualTo("tcp/1080");
    assertThat(socks.share()).isCloseTo(0.357, within(0.01));
    List<Map.Entry<String, Long>> heavy = truth.focusTopSources(BreakdownBuilder.TOP_PER_PORT);
    assertThat(socks.top()).extracting(Breakdown.SourceShare::address).containsExactlyElementsOf(heavy.stream().map(Map.Entry::getKey).toList());
    assertThat(socks.top()).extracting(Breakdown.SourceShare::count).containsExactlyElementsOf(heavy.stream().map(Map.Entry::getValue).toList());
    assertThat(socks.topShare()).isCloseTo((double) truth.focusTop(10) / truth.port("tcp/1080"), within(1e-12));
  }

  @Test
  void distinctSourcesMatch() {
    assertThat(found.providers()).singleElement().satisfies(p -> assertThat(p.sources()).isEqualTo(truth.sources()));
  }

  @Test
  void theMonthIsSpreadOverAboutThirtyDays() {
    assertThat(found.daily()).hasSizeBetween(27, 33);
    assertThat(found.daily().stream().mapToLong(Breakdown.DayCount::count).sum()).isEqualTo(truth.denied());
  }

  private static long count(String label) {
    return found.ports().stream().filter(p -> PortLabel.of(p).equals(label)).mapToLong(Breakdown.PortShare::count).sum();
  }
}
