package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code abuseloop report bulk} on the project's example logs and reads the CSV back with Jackson's
 * CSV parser, comparing it with what {@code report --preview} says about the same reports. Not thread-safe;
 * one instance per test.
 */
class ReportBulkCommandTest {

  @TempDir
  Path tmp;
  private List<Path> logs;

  @BeforeEach
  void copyLogs() throws IOException {
    logs = ExampleLogs.copyInto(Files.createDirectory(tmp.resolve("logs")));
  }

  private CommandRun bulk(String format, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("report", "bulk", "--format", format, "--out", out.toString(),
        "--zone", "UTC", "--ranges", ExampleLogs.EXAMPLES.resolve("ranges").toString(), "--reporter-org",
        "Example Telephony Ltd", "--reporter-contact", "abuse@example.net", "--reporter-domain", "example.net",
        "--destination", "192.0.2.25"));
    args.addAll(List.of(more));
    logs.forEach(l -> args.add(l.toString()));
    return CommandRun.of(args.toArray(String[]::new));
  }

  private static List<Map<String, String>> rows(Path csv) throws IOException {
    try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
      return it.readAll();
    }
  }

  // What the preview's index says of each report in AbuseIPDB's format: accepted, or skipped and why.
  private JsonNode abuseIpdbIndex() throws IOException {
    Path out = tmp.resolve("preview");
    CommandRun r = CommandRun.of(ExampleLogs.preview("abuseipdb", out, logs).toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return new ObjectMapper().readTree(out.resolve("index.json").toFile());
  }

  @Test
  void theAbuseIpdbFileHoldsEveryAcceptedReportAndCountsTheUdpOnesOnStderr() throws IOException {
    Path out = tmp.resolve("abuseipdb.csv");

    CommandRun r = bulk("abuseipdb-csv", out);

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode index = abuseIpdbIndex();
    Set<String> accepted = new HashSet<>();
    int udp = 0;
    for (JsonNode e : index) {
      if (e.get("file").isNull()) {
        udp += e.get("skipped").asText().contains("UDP-only") ? 1 : 0;
      } else {
        accepted.add(e.get("report_id").asText());
      }
    }
    assertThat(udp).as("the example logs hold SIP over UDP").isPositive();
    assertThat(r.err()).contains("left out of the AbuseIPDB file").contains(udp + " UDP-only");
    List<Map<String, String>> rows = rows(out);
    assertThat(rows).hasSize(accepted.size());
    Set<String> ids = new HashSet<>();
    for (Map<String, String> row : rows) {
      assertThat(row).containsOnlyKeys("IP", "Categories", "ReportDate", "Comment");
      assertThat(row.get("Categories")).matches("\\d+(,\\d+)*");
      assertThat(row.get("ReportDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ|.*[+-]\\d\\d:\\d\\d");
      String comment = row.get("Comment");
      ids.add(comment.substring(comment.lastIndexOf(' ') + 1));
    }
    assertThat(ids).isEqualTo(accepted);
    assertThat(r.out()).contains(accepted.size() + " reports written to " + out);
  }

  @Test
  void theAwsFileHasOneRowPerSourceAndTargetAndCanKeepOnlyAwsSources() throws IOException {
    Path all = tmp.resolve("all.csv");
    Path aws = tmp.resolve("aws.csv");

    CommandRun everything = bulk("aws-csv", all);
    CommandRun onlyAws = bulk("aws-csv", aws, "--provider", "aws");

    assertThat(everything.exitCode()).as(everything.err()).isZero();
    assertThat(onlyAws.exitCode()).as(onlyAws.err()).isZero();
    List<Map<String, String>> rows = rows(all);
    assertThat(rows).isNotEmpty().allSatisfy(row -> {
      assertThat(row.get("source_ip")).isNotBlank();
      assertThat(row.get("first_seen_utc")).endsWith("Z");
      assertThat(Long.parseLong(row.get("count"))).isPositive();
    });
    List<Map<String, String>> awsRows = rows(aws);
    assertThat(awsRows).as("the example logs hold EC2 sources").isNotEmpty().hasSizeLessThan(rows.size());
    assertThat(onlyAws.err()).contains("not attributed to aws left out");
    assertThat(awsRows).extracting(row -> row.get("source_ip")).isSubsetOf(
        rows.stream().map(row -> row.get("source_ip")).toList());
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CommandRun r = bulk("xarf", tmp.resolve("x.csv"));

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--format must be abuseipdb-csv or aws-csv");
    assertThat(tmp.resolve("x.csv")).doesNotExist();
  }

  @Test
  void splitFilesAreNumberedBeforeTheExtension() {
    assertThat(ReportBulkCommand.numbered(Path.of("/r/reports.csv"), 2)).isEqualTo(Path.of("/r/reports-2.csv"));
    assertThat(ReportBulkCommand.numbered(Path.of("/r/reports"), 3)).isEqualTo(Path.of("/r/reports-3"));
  }

  @Test
  void aMissingOrBadReporterOptionIsAUsageErrorNamingIt() {
    Path out = tmp.resolve("never.csv");
    CommandRun missing = CommandRun.of("report", "bulk", "--format", "aws-csv", "--out", out.toString(), "--zone", "UTC",
        "--reporter-org", "Example Telephony Ltd", "--reporter-domain", "example.net", logs.get(0).toString());
    CommandRun bad = bulk("aws-csv", out, "--destination", "192.0.2.300");

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--reporter-contact is required");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--destination must be an IP address, not '192.0.2.300'");
    assertThat(out).doesNotExist();
  }
}
