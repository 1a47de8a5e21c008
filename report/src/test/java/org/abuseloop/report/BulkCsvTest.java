package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bulk CSV files (AbuseIPDB's bulk report, AWS's many-address CSV) read back with Jackson's CSV parser,
 * as the desk's tools would: columns, quoting of hostile text, formulas neutralised, AbuseIPDB's split at
 * 10,000 lines. Not thread-safe; one instance per test.
 */
class BulkCsvTest {

  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  /** Detection rule names an operator (or a pasted config) could give; they end up in the comment. */
  static final List<String> HOSTILE = List.of(
      "=cmd|' /C calc'!A0",
      "ssh\",\"22\",\"forged",
      "two\r\nlines, and \"quotes\"",
      "a;=HYPERLINK(\"http://192.0.2.66/x\")",
      "+1+cmd|' /C notepad'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "-2+3",
      "\t=1+1");

  private final AbuseIpdbReport abuseIpdb = new AbuseIpdbReport();
  private final AwsCsvReport aws = new AwsCsvReport();

  static AbuseReport hostile(String scenario) {
    Incidents.Kind k = new Incidents.Kind(scenario, Service.SSHD, EventKind.AUTH_FAILURE, 22);
    return AbuseReport.of(Incidents.complete(k), Incidents.context()).get(0);
  }

  static List<Map<String, String>> rows(String csv) throws IOException {
    CsvSchema header = CsvSchema.emptySchema().withHeader();
    try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(header).readValues(csv)) {
      return it.readAll();
    }
  }

  static List<List<String>> records(String csv) throws IOException {
    try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .readerForListOf(String.class).readValues(csv)) {
      return it.readAll();
    }
  }

  @Test
  void hostileCommentsStayInTheirCellAndAreNoFormula() throws IOException {
    List<AbuseReport> reports = HOSTILE.stream().map(BulkCsvTest::hostile).toList();

    List<String> files = abuseIpdb.bulkCsvFiles(reports);

    assertThat(files).hasSize(1);
    List<Map<String, String>> rows = rows(files.get(0));
    assertThat(rows).hasSize(HOSTILE.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      assertThat(row).containsOnlyKeys("IP", "Categories", "ReportDate", "Comment");
      assertThat(row.get("IP")).isEqualTo("203.0.113.9");
      assertThat(row.get("Categories")).isEqualTo("18,22");
      assertThat(row.get("ReportDate")).isEqualTo("2026-03-14T10:26:53+01:00");
      assertThat(row.get("Comment")).contains("detection rule '" + HOSTILE.get(i) + "'")
          .contains(reports.get(i).id().toString());
    }
    assertNoCellIsAFormula(records(files.get(0)));
  }

  @Test
  void theAwsCsvKeepsHostileDescriptionsInTheirCellToo() throws IOException {
    List<AbuseReport> reports = HOSTILE.stream().map(BulkCsvTest::hostile).toList();

    String csv = aws.csv(reports);

    List<Map<String, String>> rows = rows(csv);
    assertThat(rows).hasSize(HOSTILE.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      assertThat(row.keySet()).containsExactlyElementsOf(AwsCsvReport.COLUMNS);
      assertThat(row.get("source_ip")).isEqualTo("203.0.113.9");
      assertThat(row.get("destination_ip")).isEqualTo("198.51.100.20");
      assertThat(row.get("destination_port")).isEqualTo("22");
      assertThat(row.get("protocol")).isEqualTo("tcp");
      assertThat(row.get("description")).contains("detection rule '" + HOSTILE.get(i) + "'");
    }
    assertNoCellIsAFormula(records(csv));
  }

  @ParameterizedTest
  @ValueSource(strings = {"=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"})
  void aCellThatWouldBeAFormulaGetsAnApostropheAndQuotes(String field) throws IOException {
    String line = CsvLine.of(List.of(field, "x"));

    List<List<String>> back = records(line);
    assertThat(line).startsWith("\"'");
    assertThat(back).singleElement().isEqualTo(List.of("'" + field, "x"));
  }

  @Test
  void semicolonsAndTabsAreQuotedForSpreadsheetsThatSplitOnThem() {
    assertThat(CsvLine.of(List.of("a;b", "c\td", "plain"))).isEqualTo("\"a;b\",\"c\td\",plain\r\n");
  }

  @Test
  void udpOnlyAndPrefixReportsAreLeftOutOfTheAbuseIpdbFile() throws IOException {
    AbuseReport tcp = AbuseReport.of(Incidents.complete(Incidents.kind("sshd-bf")), Incidents.context()).get(0);
    AbuseReport udp = AbuseReport.of(Incidents.complete(Incidents.kind("asterisk-bf")), Incidents.context()).get(0);

    List<String> files = abuseIpdb.bulkCsvFiles(List.of(tcp, udp));

    assertThat(rows(files.get(0))).extracting(r -> r.get("Comment")).singleElement().asString()
        .contains(tcp.id().toString());
    assertThat(abuseIpdb.bulkCsvFiles(List.of(udp))).as("nothing to send, no file").isEmpty();
  }

  @Test
  void moreThanTenThousandLinesAreSplitIntoFilesOfAtMostTenThousand() throws IOException {
    AbuseReport r = AbuseReport.of(Incidents.complete(Incidents.kind("sshd-bf")), Incidents.context()).get(0);
    AbuseReport twoLines = hostile("two\r\nlines");
    List<AbuseReport> many = new ArrayList<>(Collections.nCopies(9_998, r));
    many.add(twoLines);
    many.addAll(Collections.nCopies(10_001, r));

    List<String> files = abuseIpdb.bulkCsvFiles(many);

    assertThat(files).hasSize(3);
    assertThat(files).allSatisfy(f -> {
      assertThat(f.split("\n", -1).length - 1).as("lines, header included").isLessThanOrEqualTo(10_000);
      assertThat(f).startsWith(AbuseIpdbReport.CSV_HEADER + "\r\n");
    });
    assertThat(files.get(0).split("\n", -1).length - 1).as("9,998 rows fit; the two-line one does not").isEqualTo(9_999);
    int total = 0;
    for (String f : files) {
      total += rows(f).size();
    }
    assertThat(total).isEqualTo(many.size());
    assertThat(rows(files.get(1)).get(0).get("Comment")).contains("two\r\nlines");
  }

  private static void assertNoCellIsAFormula(List<List<String>> records) {
    for (List<String> record : records) {
      for (String cell : record) {
        assertThat(cell).as("a spreadsheet would run this").doesNotStartWith("=").doesNotStartWith("+")
            .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
      }
    }
  }
}
