package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Tally;
import org.junit.jupiter.api.Test;

class AbuseReportTest {

  private final ReportContext context = Incidents.context();

  @Test
  void theSameIncidentAlwaysGetsTheSameIdAndAnotherIncidentAnother() {
    Incident i = Incidents.of(Incidents.kind("sshd-bf"));
    Incident later = new Incident(i.scenario(), i.scope(), i.source(), null, i.first().plusSeconds(1), i.last(),
        i.count(), i.ratePerMinute(), i.kinds(), i.addresses(), i.ports(), i.users(), i.sources(), i.evidence(),
        2, true);
    Incident other = Incidents.of(Incidents.kind("sshd-slow-bf"));

    assertThat(AbuseReport.of(i, context).get(0).id()).isEqualTo(AbuseReport.of(i, context).get(0).id());
    assertThat(AbuseReport.of(later, context).get(0).id()).isNotEqualTo(AbuseReport.of(i, context).get(0).id());
    assertThat(AbuseReport.of(other, context).get(0).id()).isNotEqualTo(AbuseReport.of(i, context).get(0).id());
  }

  @Test
  void theReportHoldsWhatTheIncidentSays() {
    AbuseReport r = AbuseReport.of(Incidents.of(Incidents.kind("port-scan")), context).get(0);

    assertThat(r.source()).isEqualTo("203.0.113.9");
    assertThat(r.sourceAddress()).isEqualTo(Incidents.ATTACKER);
    assertThat(r.sourcePorts()).isEmpty();
    assertThat(r.destinations()).containsExactly(Incidents.TARGET);
    assertThat(r.destinationPorts()).containsExactly(23);
    assertThat(r.protocol()).isEqualTo(Protocol.UNKNOWN);
    assertThat(r.first()).isEqualTo(Incidents.FIRST);
    assertThat(r.last()).isEqualTo(Incidents.LAST);
    assertThat(r.offset()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(r.count()).isEqualTo(12);
    assertThat(r.ratePerMinute()).isEqualTo(2.4);
    assertThat(r.users()).containsExactly("100", "admin", Redaction.USER);
    assertThat(r.otherUsers()).isEqualTo(2);
    assertThat(r.extracts()).extracting(LogExtract::line).containsExactly(41L, 97L);
    assertThat(r.wording().type()).isEqualTo(XarfType.PORT_SCAN);
  }

  @Test
  void aPrefixIncidentGivesOneReportPerAttackingAddressWithItsOwnEvidence() {
    IpAddress a = IpAddress.of("203.0.113.7");
    IpAddress b = IpAddress.of("203.0.113.8");
    List<AbuseReport> reports = AbuseReport.of(Incidents.prefix(Incidents.kind("sip-campaign"), List.of(a, b)), context);

    assertThat(reports).extracting(AbuseReport::source).containsExactly("203.0.113.7", "203.0.113.8");
    assertThat(reports).extracting(AbuseReport::count).containsExactly(10L, 10L);
    assertThat(reports.get(1).extracts()).extracting(LogExtract::line).containsExactly(2L);
    assertThat(reports.get(0).ratePerMinute()).isEqualTo(2.0);
    assertThat(reports.get(0).id()).isNotEqualTo(reports.get(1).id());
    assertThat(reports.get(0).destinations()).containsExactly(IpAddress.of("192.0.2.10"));
  }

  @Test
  void anOwnerIncidentListingNoAddressGivesNoReport() {
    Incident owner = new Incident("sshd-campaign", Incident.Scope.OWNER, null, "Example Cloud eu-west", Incidents.FIRST,
        Incidents.LAST, 20, 4, Map.of(EventKind.AUTH_FAILURE, 20L), Tally.empty(), Tally.empty(), Tally.empty(),
        Tally.empty(), List.of(), 1, true);

    assertThat(AbuseReport.of(owner, context)).isEmpty();
  }

  @Test
  void withoutEvidenceTheOffsetComesFromTheLogZone() {
    Incident i = Incidents.of(Incidents.kind("sshd-bf"));
    Incident bare = new Incident(i.scenario(), i.scope(), i.source(), null, i.first(), i.last(), i.count(),
        i.ratePerMinute(), i.kinds(), Tally.empty(), i.ports(), i.users(), i.sources(), List.of(), 1, false);
    ReportContext newYork = new ReportContext("Org", "abuse@example.org", "example.org", List.of(),
        ZoneId.of("America/New_York"), Redaction.none());

    AbuseReport r = AbuseReport.of(bare, newYork).get(0);

    assertThat(r.offset()).isEqualTo(ZoneOffset.ofHours(-4));
    assertThat(r.destinations()).isEmpty();
    assertThat(r.protocol()).isEqualTo(Protocol.TCP);
  }

  @Test
  void aBadContextFailsWhenItIsBuilt() {
    assertThatThrownBy(() -> new ReportContext("Org", "abuse.example.org", "example.org", List.of(), ZoneOffset.UTC,
        Redaction.none())).hasMessageContaining("contact");
    assertThatThrownBy(() -> new ReportContext("Org", "abuse@example.org", "example org", List.of(), ZoneOffset.UTC,
        Redaction.none())).hasMessageContaining("domain");
    assertThatThrownBy(() -> new ReportContext("Org", "abuse@example.org", "exa_mple.org", List.of(), ZoneOffset.UTC,
        Redaction.none())).hasMessageContaining("domain");
    assertThatThrownBy(() -> new ReportContext("Org", "abuse@-bad.org", "example.org", List.of(), ZoneOffset.UTC,
        Redaction.none())).hasMessageContaining("domain");
    assertThatThrownBy(() -> new ReportContext(" ", "abuse@example.org", "example.org", List.of(), ZoneOffset.UTC,
        Redaction.none())).hasMessageContaining("organisation");
  }

  @Test
  void redactionReplacesHostNamesWithoutRegardToCaseAndLongestFirst() {
    Redaction r = new Redaction(List.of("pbx1", "pbx1.example.net"), List.of("alice"));

    assertThat(r.apply("/logs/PBX1.Example.NET/a.log pbx1 alice")).isEqualTo("/logs/[host]/a.log [host] [user]");
    assertThat(r.apply("İİİ pbx1")).isEqualTo("İİİ [host]");
    assertThat(r.user("alice")).isEqualTo(Redaction.USER);
    assertThat(r.apply(null)).isNull();
  }

  @Test
  void rawLineTextIsRedactedAndQuotedAfterATab() {
    Incident i = Incidents.of(Incidents.kind("sshd-bf"));
    var e = i.evidence().get(0);
    var withRaw = new org.abuseloop.core.Evidence(e.time(), e.offset(), e.family(), e.source(), e.file(), e.line(),
        "Mar 14 10:26:53 PBX1 sshd[7]: Failed password for alice from 203.0.113.9 port 51234 ssh2");
    Incident raw = new Incident(i.scenario(), i.scope(), i.source(), null, i.first(), i.last(), i.count(),
        i.ratePerMinute(), i.kinds(), i.addresses(), i.ports(), i.users(), i.sources(), List.of(withRaw), 1, false);

    LogExtract x = AbuseReport.of(raw, context).get(0).extracts().get(0);

    assertThat(x.text()).isEqualTo("2026-03-14T10:26:53+01:00 sshd.test /var/log/[host]/sshd.log:41	"
        + "Mar 14 10:26:53 [host] sshd[7]: Failed password for [user] from 203.0.113.9 port 51234 ssh2");
  }

  @Test
  void sourcePortsProtocolAndTargetsComeFromTheEvidence() {
    AbuseReport r = AbuseReport.of(Incidents.complete(Incidents.kind("asterisk-bf")), context).get(0);

    assertThat(r.sourcePorts()).containsExactly(51234, 51240);
    assertThat(r.protocol()).isEqualTo(Protocol.UDP);
    assertThat(XarfReport.missing(r)).isEmpty();
  }

  @Test
  void whenTheIncidentTalliesNoTargetTheEvidenceNamesThem() {
    Incident i = Incidents.complete(Incidents.kind("sshd-bf"));
    Incident bare = new Incident(i.scenario(), i.scope(), i.source(), null, i.first(), i.last(), i.count(),
        i.ratePerMinute(), i.kinds(), Tally.empty(), Tally.empty(), i.users(), i.sources(), i.evidence(), 1, false);

    AbuseReport r = AbuseReport.of(bare, context).get(0);

    assertThat(r.destinations()).containsExactly(Incidents.TARGET);
    assertThat(r.destinationPorts()).containsExactly(22);
    assertThat(r.protocol()).isEqualTo(Protocol.TCP);
  }

  @Test
  void evidenceOfMixedTransportsNamesNoProtocolButTcpVariantsAreTcp() {
    Incident i = Incidents.complete(Incidents.kind("asterisk-bf"));
    var e0 = i.evidence().get(0);
    var e1 = i.evidence().get(1);
    java.util.function.BiFunction<Protocol, Protocol, Protocol> of = (a, b) -> AbuseReport.of(new Incident(
        i.scenario(), i.scope(), i.source(), null, i.first(), i.last(), i.count(), i.ratePerMinute(), i.kinds(),
        i.addresses(), i.ports(), i.users(), i.sources(), List.of(
            new org.abuseloop.core.Evidence(e0.time(), e0.offset(), e0.family(), e0.source(), 1, null, 0, a, null, 0, null),
            new org.abuseloop.core.Evidence(e1.time(), e1.offset(), e1.family(), e1.source(), 2, null, 0, b, null, 0, null)),
        1, false), context).get(0).protocol();

    assertThat(of.apply(Protocol.UDP, Protocol.TCP)).isEqualTo(Protocol.UNKNOWN);
    assertThat(of.apply(Protocol.TLS, Protocol.TCP)).isEqualTo(Protocol.TCP);
    assertThat(of.apply(Protocol.WSS, Protocol.UNKNOWN)).isEqualTo(Protocol.WSS);
  }

  @Test
  void prefixSourcesAreNotAddresses() {
    Incident i = Incidents.prefix(Incidents.kind("port-sweep-campaign"), List.of());

    AbuseReport r = AbuseReport.of(i, context).get(0);

    assertThat(r.sourceAddress()).isNull();
    assertThat(r.source()).isEqualTo(IpPrefix.parse("203.0.113.0/24").toString());
  }
}
