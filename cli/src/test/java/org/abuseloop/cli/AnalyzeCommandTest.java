package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code abuseloop analyze} on the {@link SweepLog}, whose breakdown is known by construction. */
class AnalyzeCommandTest {

  @TempDir
  Path dir;
  private Path log;
  private Path ranges;

  @BeforeEach
  void writeInputs() throws IOException {
    SweepLog sample = SweepLog.writeInto(dir);
    log = sample.log();
    ranges = sample.ranges();
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
  @Test
  void plainArgumentsAreReadWithoutPicocliAsPicocliReadsThem() {
    List<String[]> plain = List.of(
        new String[] {"analyze", "a.log"},
        new String[] {"analyze", "--format", "json", "--zone", "UTC", "a.log", "b.log.gz"},
        new String[] {"analyze", "--format=text", "--zone=Europe/Paris", "--top", "5", "dir"},
        new String[] {"analyze", "a.log", "--ranges", "r", "--state=s", "--html", "p.html", "--config", "c.yaml", "x"},
        new String[] {"analyze", "--service", "sshd", "--store", "jdbc:sqlite:o.db", "--top=007", "a.log"});
    for (String[] args : plain) {
      String as = String.join(" ", args);
      AnalyzeCommand direct = AnalyzeCommand.fromPlainArguments(args);
      CommandLine.ParseResult parsed = Main.commandLine(args).parseArgs(args);
      AnalyzeCommand picocli = (AnalyzeCommand) parsed.subcommand().commandSpec().userObject();
      assertThat(direct).as(as).isNotNull();
      assertThat(direct.format).as(as).isEqualTo(picocli.format);
      assertThat(direct.zone).as(as).isEqualTo(picocli.zone);
      assertThat(direct.html).as(as).isEqualTo(picocli.html);
      assertThat(direct.ranges).as(as).isEqualTo(picocli.ranges);
      assertThat(direct.state).as(as).isEqualTo(picocli.state);
      assertThat(direct.store).as(as).isEqualTo(picocli.store);
      assertThat(direct.config).as(as).isEqualTo(picocli.config);
      assertThat(direct.service).as(as).isEqualTo(picocli.service);
      assertThat(direct.top).as(as).isEqualTo(picocli.top);
      assertThat(direct.files).as(as).isEqualTo(picocli.files);
    }
  }

  @Test
  void anythingButPlainArgumentsIsLeftToPicocli() {
    List<String[]> others = List.of(
        new String[] {"analyze"},
        new String[] {"analyze", "--help"},
        new String[] {"analyze", "-h", "a.log"},
        new String[] {"analyze", "--format", "JSON", "a.log"},
        new String[] {"analyze", "--format", "json", "--format", "text", "a.log"},
        new String[] {"analyze", "--zone", "Not/AZone", "a.log"},
        new String[] {"analyze", "--zone", "-05:00", "a.log"},
        new String[] {"analyze", "--service", "telnetd", "a.log"},
        new String[] {"analyze", "--top", "-1", "a.log"},
        new String[] {"analyze", "--top", "ten", "a.log"},
        new String[] {"analyze", "--format", "json"},
        new String[] {"analyze", "a.log", "--format"},
        new String[] {"analyze", "--", "a.log"},
        new String[] {"analyze", "-", "a.log"},
        new String[] {"analyze", "@args.txt"},
        new String[] {"analyze", "--threads", "2", "a.log"},
        new String[] {"parse", "a.log"},
        new String[] {"--help"});
    for (String[] args : others) {
      assertThat(AnalyzeCommand.fromPlainArguments(args)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void aFailureOnThePlainPathIsTheSameLineAsThroughPicocli() {
    Path missing = dir.resolve("gone.log");
    CommandRun plain = CommandRun.of("analyze", "--format", "json", missing.toString());
    CommandRun picocli = CommandRun.of("analyze", "--format", "JSON", missing.toString());
    assertThat(plain.exitCode()).isEqualTo(picocli.exitCode()).isEqualTo(2);
    assertThat(plain.err()).isEqualTo(picocli.err()).contains("gone.log");
  }
}
