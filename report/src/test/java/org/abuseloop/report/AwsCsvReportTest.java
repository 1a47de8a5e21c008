package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

class AwsCsvReportTest {

  private final AwsCsvReport aws = new AwsCsvReport();

  @Test
  void oneRowPerSourceAndTargetUnderTheHeader() {
    AbuseReport ssh = AbuseReport.of(Incidents.complete(Incidents.kind("sshd-bf")), Incidents.context()).get(0);
    AbuseReport sip = AbuseReport.of(Incidents.prefix(Incidents.kind("asterisk-bf"),
        List.of(IpAddress.of("203.0.113.7"), IpAddress.of("203.0.113.8"))), Incidents.context()).get(1);

    List<String> lines = aws.csv(List.of(ssh, sip)).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(String.join(",", AwsCsvReport.COLUMNS));
    assertThat(lines.get(1)).startsWith("203.0.113.9,51234 51240,198.51.100.20,22,tcp,2026-03-14T09:26:53Z,"
        + "2026-03-14T09:31:53Z,12,");
    assertThat(lines.get(2)).startsWith("203.0.113.8,,192.0.2.10,5060,,2026-03-14T09:26:53Z,");
  }

  @Test
  void oneReportRendersAsItsOwnCsv() {
    AbuseReport ssh = AbuseReport.of(Incidents.complete(Incidents.kind("sshd-bf")), Incidents.context()).get(0);

    assertThat(aws.render(ssh)).isEqualTo(aws.csv(List.of(ssh)));
    assertThat(aws.refusal(ssh)).isEmpty();
  }
}
