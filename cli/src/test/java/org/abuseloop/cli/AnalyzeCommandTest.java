package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code abuseloop analyze} on a firewall log built so that its breakdown is known: a sweep of TCP
 * 1080 by one cloud address and one other, an SSH scan, over two days, with the cloud range given by
 * an AWS-format range file written here.
 */
class AnalyzeCommandTest {

  @TempDir
  Path dir;
  private Path log;
  private Path ranges;

  @BeforeEach
  void writeInputs() throws IOException {
    List<String> lines = new ArrayList<>();
    // Day 1: 198.51.100.7 (cloud) sweeps TCP 1080 over 40 targets; 203.0.113.9 hits 20 of them.
    for (int i = 0; i < 40; i++) {
      lines.add(deny("Mar  1 10:%02d:%02d", i / 60, i % 60, "198.51.100.7", "192.0.2." + (i + 1), "TCP", 1080));
    }
    for (int i = 0; i < 20; i++) {
      lines.add(deny("Mar  1 11:%02d:%02d", 0, i, "203.0.113.9", "192.0.2." + (i + 1), "TCP", 1080));
    }
    // Day 2: 203.0.113.50 knocks on SSH 40 times.
    for (int i = 0; i < 40; i++) {
      lines.add(deny("Mar  2 09:%02d:%02d", 0, i, "203.0.113.50", "192.0.2.1", "TCP", 22));
    }
    lines.add("Mar  2 09:30:00 fw CRON[1]: (root) CMD (run-parts /etc/cron.hourly)");
    log = Files.write(dir.resolve("kern.log"), lines);
    Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2024-03-05T00:00:00Z")));
    ranges = Files.createDirectory(dir.resolve("ranges"));
    Files.writeString(ranges.resolve("ip-ranges.json"), """
        {"syncToken": "1", "createDate": "2024-01-01-00-00-00",
         "prefixes": [{"ip_prefix": "198.51.100.0/24", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}],
         "ipv6_prefixes": []}
        """);
  }

  private static String deny(String time, int a, int b, String src, String dst, String proto, int dport) {
    return String.format(Locale.ROOT, time, a, b) + " fw kernel: [12345.678] [UFW BLOCK] IN=eth0 OUT= MAC=00:00 SRC=" + src + " DST=" + dst
        + " LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=1 DF PROTO=" + proto + " SPT=40000 DPT=" + dport + " WINDOW=1024 RES=0x00 SYN URGP=0";
  }

  @Test
  void jsonGivesTheBreakdownByConstruction() throws IOException {
    CommandRun r = CommandRun.of("analyze", "--format", "json", "--zone", "UTC", "--ranges", ranges.toString(), log.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());

    assertThat(json.get("lines").asLong()).isEqualTo(101);
    assertThat(json.get("events").asLong()).isEqualTo(100);
    assertThat(json.get("unrecognised").asLong()).isEqualTo(1);

    JsonNode socks = json.at("/breakdown/ports/0");
    assertThat(socks.get("protocol").asText()).isEqualTo("tcp");
    assertThat(socks.get("port").asInt()).isEqualTo(1080);
    assertThat(socks.get("count").asLong()).isEqualTo(60);
    assertThat(socks.get("share").asDouble()).isCloseTo(0.6, within(1e-9));
    assertThat(socks.get("sources").asLong()).isEqualTo(2);
    assertThat(socks.get("topShare").asDouble()).isCloseTo(1.0, within(1e-9));
    assertThat(socks.at("/top/0/address").asText()).isEqualTo("198.51.100.7");
    assertThat(socks.at("/top/0/provider").asText()).isEqualTo("aws");
    assertThat(socks.at("/top/0/region").asText()).isEqualTo("eu-west-1");
    assertThat(socks.at("/top/0/share").asDouble()).isCloseTo(40.0 / 60, within(1e-9));
    assertThat(socks.at("/providers/0/provider").asText()).isEqualTo("aws");
    assertThat(socks.at("/providers/0/share").asDouble()).isCloseTo(40.0 / 60, within(1e-9));
    assertThat(socks.at("/providers/1/provider").isNull()).isTrue();

    JsonNode ssh = json.at("/breakdown/ports/1");
    assertThat(ssh.get("port").asInt()).isEqualTo(22);
    assertThat(ssh.get("share").asDouble()).isCloseTo(0.4, within(1e-9));

    assertThat(json.at("/breakdown/providers/0/provider").isNull()).isTrue();
    assertThat(json.at("/breakdown/providers/0/count").asLong()).isEqualTo(60);
    assertThat(json.at("/breakdown/providers/0/sources").asLong()).isEqualTo(2);
    assertThat(json.at("/breakdown/providers/1/provider").asText()).isEqualTo("aws");
    assertThat(json.at("/breakdown/providers/1/count").asLong()).isEqualTo(40);
    assertThat(json.at("/breakdown/providers/1/sources").asLong()).isEqualTo(1);
    assertThat(json.at("/breakdown/daily/0/date").asText()).isEqualTo("2024-03-01");
    assertThat(json.at("/breakdown/daily/0/count").asLong()).isEqualTo(60);
    assertThat(json.at("/breakdown/daily/1/count").asLong()).isEqualTo(40);
  }

  @Test
  void jsonListsTheSweepAsAnIncidentWithItsEvidence() throws IOException {
    CommandRun r = CommandRun.of("analyze", "--format", "json", "--zone", "UTC", "--ranges", ranges.toString(), log.toString());
    JsonNode incidents = new ObjectMapper().readTree(r.out()).get("incidents");
    JsonNode sweep = null;
    for (JsonNode i : incidents) {
      if (i.get("scenario").asText().equals("port-sweep") && i.get("source").asText().equals("198.51.100.7")) {
        sweep = i;
      }
    }
    assertThat(sweep).as(incidents.toString()).isNotNull();
    assertThat(sweep.get("provider").asText()).isEqualTo("aws");
    assertThat(sweep.at("/targets/ports/0/value").asInt()).isEqualTo(1080);
    assertThat(sweep.get("evidence").size()).isPositive();
    assertThat(sweep.at("/evidence/0/file").asText()).isEqualTo(log.toString());
    assertThat(sweep.at("/evidence/0/line").asLong()).isBetween(1L, 40L);
  }

  @Test
  void textNamesTheScenarioAndWritesTheHtmlPage() throws IOException {
    Path page = dir.resolve("report.html");
    CommandRun r = CommandRun.of("analyze", "--zone", "UTC", "--ranges", ranges.toString(), "--html", page.toString(), log.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("port-sweep").contains("tcp/1080").contains("HTML report: ");
    assertThat(Files.readString(page)).contains("data-address=\"198.51.100.7\" data-count=\"40\"");
  }

  @Test
  void aBrokenRangeFileIsAClearErrorAndExitCodeTwo() throws IOException {
    Files.writeString(ranges.resolve("ip-ranges.json"), "{\"prefixes\": [{\"ip_prefix\": \"198.51.100.0/33\"}]}");
    CommandRun r = CommandRun.of("analyze", "--ranges", ranges.toString(), log.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("abuseloop: ").contains("ip-ranges.json");
  }
}
