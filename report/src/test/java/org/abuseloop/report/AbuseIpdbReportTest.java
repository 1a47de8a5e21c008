package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbuseIpdbReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AbuseIpdbReport abuseIpdb = new AbuseIpdbReport();

  private static AbuseReport report(String scenario) {
    return AbuseReport.of(Incidents.complete(Incidents.kind(scenario)), Incidents.context()).get(0);
  }

  @Test
  void theReportCallHoldsIpCategoriesCommentAndTimestamp() throws Exception {
    AbuseReport r = report("sshd-bf");
    JsonNode o = JSON.readTree(abuseIpdb.render(r));

    assertThat(o.get("ip").asText()).isEqualTo("203.0.113.9");
    assertThat(o.get("categories").asText()).isEqualTo("18,22");
    assertThat(o.get("timestamp").asText()).isEqualTo("2026-03-14T10:26:53+01:00");
    assertThat(o.get("comment").asText()).contains("12 events (2.4 a minute) to port 22/tcp")
        .contains("2026-03-14T09:26:53Z").contains(r.id().toString()).doesNotContain("admin").hasSizeLessThan(1024);
    assertThat(o.size()).isEqualTo(4);
  }

  @Test
  void categoriesFollowTheScenario() {
    assertThat(AbuseIpdbReport.categories(report("sshd-bf"))).containsExactly(18, 22);
    assertThat(AbuseIpdbReport.categories(report("smtp-auth-bf"))).containsExactly(18);
    assertThat(AbuseIpdbReport.categories(report("port-scan"))).containsExactly(14);
    assertThat(AbuseIpdbReport.categories(report("mail-reject"))).containsExactly(11);
    assertThat(AbuseIpdbReport.categories(report("sip-scanner"))).containsExactly(14);
    assertThat(AbuseIpdbReport.categories(report("asterisk-bf"))).containsExactly(18);
  }

  @Test
  void udpOnlyIncidentsAreRefusedWithTheReason() {
    AbuseReport sip = report("asterisk-bf");

    assertThat(abuseIpdb.refusal(sip)).get().asString().contains("UDP");
    assertThatThrownBy(() -> abuseIpdb.render(sip)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void incidentsWhoseTransportTheLogsDoNotNameAreRefusedToo() {
    AbuseReport unknown = AbuseReport.of(Incidents.of(Incidents.kind("freeswitch-bf")), Incidents.context()).get(0);

    assertThat(unknown.protocol()).isEqualTo(org.abuseloop.core.Protocol.UNKNOWN);
    assertThat(abuseIpdb.refusal(unknown)).get().asString().contains("TCP or UDP");
  }

  @Test
  void theBulkCsvHasTheHeaderAndOneQuotedRowPerAcceptedReport() {
    String csv = abuseIpdb.bulkCsv(List.of(report("sshd-bf"), report("asterisk-bf"), report("mail-reject")));
    List<String> lines = csv.lines().toList();

    assertThat(csv).endsWith("\r\n");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("IP,Categories,ReportDate,Comment");
    assertThat(lines.get(1)).startsWith("203.0.113.9,\"18,22\",2026-03-14T10:26:53+01:00,");
    assertThat(lines.get(2)).startsWith("203.0.113.9,11,2026-03-14T10:26:53+01:00,");
  }

  @Test
  void csvFieldsWithQuotesCommasAndBreaksAreQuoted() {
    assertThat(CsvLine.of(List.of("a", "b,c", "say \"hi\"", "x\ny", ""))).isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\r\n");
  }
}
