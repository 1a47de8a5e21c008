package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.abuseloop.core.Protocol;
import org.junit.jupiter.api.Test;

class TextReportTest {

  private final TextReport text = new TextReport();

  @Test
  void theTextStatesTheSameFactsAsTheReport() {
    AbuseReport r = AbuseReport.of(Incidents.of(Incidents.kind("asterisk-bf")), Incidents.context()).get(0)
        .withTransport(Protocol.UDP, List.of(5070));

    String t = text.render(r);

    assertThat(t).startsWith("Abuse report " + r.id() + "\n"
        + "The source tried to guess SIP account passwords on an Asterisk server.\n");
    assertThat(t).contains("Source:      203.0.113.9 port 5070\n")
        .contains("Target:      198.51.100.20 port 5060\n")
        .contains("Protocol:    udp\n")
        .contains("First seen:  2026-03-14 09:26:53 UTC (10:26:53 +01:00 in the log)\n")
        .contains("Last seen:   2026-03-14 09:31:53 UTC (10:31:53 +01:00 in the log)\n")
        .contains("Events:      12 (2.4 a minute)\n")
        .contains("Users tried: '100', 'admin', '[user]' and 2 more tries\n")
        .contains("  2026-03-14T10:26:53+01:00 asterisk.test /var/log/[host]/asterisk.log:41\n")
        .contains("reply to abuse@example.net");
  }

  @Test
  void attackerTextCannotForgeALine() {
    AbuseReport r = AbuseReport.of(Incidents.address(Incidents.kind("sshd-bf"),
        List.of("x\nSource:      192.0.2.66\r\n\u001b[2J")), Incidents.context()).get(0);

    String t = text.render(r);

    assertThat(t.lines()).noneMatch(l -> l.startsWith("Source:      192.0.2.66"));
    assertThat(t).doesNotContain("\r").doesNotContain("\u001b").contains("'x\uFFFDSource:      192.0.2.66\uFFFD\uFFFD\uFFFD[2J'");
  }

  @Test
  void aQuotedLineFollowsItsPlaceAfterASpaceNotATab() {
    var i = Incidents.of(Incidents.kind("sshd-bf"));
    var e = i.evidence().get(0).withRaw("Mar 14 10:26:53 host sshd[7]: Failed password for root from 203.0.113.9");
    var raw = new org.abuseloop.core.Incident(i.scenario(), i.scope(), i.source(), null, i.first(), i.last(),
        i.count(), i.ratePerMinute(), i.kinds(), i.addresses(), i.ports(), i.users(), i.sources(), List.of(e), 1, false);

    String t = text.render(AbuseReport.of(raw, Incidents.context()).get(0));

    assertThat(t).contains("/var/log/[host]/sshd.log:41 Mar 14 10:26:53 host sshd[7]: Failed password for root")
        .doesNotContain("\t").doesNotContain("\uFFFD");
  }

  @Test
  void unknownTransportIsSaidPlainly() {
    String t = text.render(AbuseReport.of(Incidents.of(Incidents.kind("port-scan")), Incidents.context()).get(0));

    assertThat(t).contains("Source:      203.0.113.9\n").contains("Protocol:    not in the logs\n");
  }
}
