package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class XarfReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final XarfReport xarf = new XarfReport();

  static Stream<Arguments> defaults() {
    return Incidents.DEFAULTS.stream().map(Arguments::of);
  }

  private static AbuseReport report(Incidents.Kind k) {
    Protocol p = k.service().id().startsWith("firewall") || k.port() == 5060 ? Protocol.UDP : Protocol.TCP;
    return AbuseReport.of(Incidents.of(k), Incidents.context()).get(0).withTransport(p, List.of(51234, 51240));
  }

  private static String typeSchema(XarfType t) {
    return "types/" + t.category() + "-" + t.type().replace('_', '-') + ".json";
  }

  @ParameterizedTest
  @MethodSource("defaults")
  void eachDefaultScenarioValidatesAgainstTheMasterAndItsTypeSchema(Incidents.Kind k) throws Exception {
    AbuseReport r = report(k);
    String json = xarf.render(r);

    assertThat(XarfSchemas.problems(XarfSchemas.schema("xarf-v4-master.json"), json)).isEmpty();
    assertThat(XarfSchemas.problems(XarfSchemas.schema(typeSchema(r.wording().type())), json)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("defaults")
  void fieldsHoldWhatTheIncidentSays(Incidents.Kind k) throws Exception {
    JsonNode d = JSON.readTree(xarf.render(report(k)));

    assertThat(d.get("source_identifier").asText()).isEqualTo("203.0.113.9");
    assertThat(d.get("source_port").asInt()).isEqualTo(51234);
    assertThat(d.get("destination_ip").asText()).isEqualTo("198.51.100.20");
    assertThat(d.get("destination_port").asInt()).isEqualTo(k.port());
    assertThat(d.get("first_seen").asText()).isEqualTo("2026-03-14T09:26:53Z");
    assertThat(d.get("last_seen").asText()).isEqualTo("2026-03-14T09:31:53Z");
    assertThat(d.get("first_seen_local").asText()).isEqualTo("2026-03-14T10:26:53+01:00");
    assertThat(d.get("attempt_count").asLong()).isEqualTo(12);
    assertThat(d.get("rate_per_minute").asDouble()).isEqualTo(2.4);
    assertThat(d.get("reporter").get("contact").asText()).isEqualTo("abuse@example.net");
    assertThat(d.get("tags").get(0).asText()).isEqualTo("scenario:" + k.scenario());
    String log = new String(Base64.getDecoder().decode(d.get("evidence").get(0).get("payload").asText()),
        StandardCharsets.UTF_8);
    assertThat(log).contains("2026-03-14T10:26:53+01:00 " + k.service().id() + ".test /var/log/[host]/"
        + k.service().id() + ".log:41");
  }

  @Test
  void authScenariosAreLoginAttacksAndFirewallScenariosPortScans() throws Exception {
    assertThat(JSON.readTree(xarf.render(report(Incidents.kind("sshd-bf")))).get("type").asText())
        .isEqualTo("login_attack");
    assertThat(JSON.readTree(xarf.render(report(Incidents.kind("sip-user-enum")))).get("type").asText())
        .isEqualTo("login_attack");
    JsonNode scan = JSON.readTree(xarf.render(report(Incidents.kind("port-sweep"))));
    assertThat(scan.get("type").asText()).isEqualTo("port_scan");
    assertThat(scan.get("ports_scanned").get(0).asInt()).isEqualTo(1080);
    assertThat(scan.get("evidence_source").asText()).isEqualTo("firewall_logs");
  }

  @Test
  void hostileUserNamesAreEscapedAndCannotBreakTheJson() throws Exception {
    List<String> hostile = List.of("\"},\"source_identifier\":\"192.0.2.66\",\"x\":{\"a\":\"",
        "line\nbreak\r\n", "nul\u0000byte", "back\\slash", "</script><b>", "\u202Ertl", "emoji \uD83D\uDE00");
    AbuseReport r = AbuseReport.of(Incidents.address(Incidents.kind("sshd-bf"), hostile), Incidents.context())
        .get(0).withTransport(Protocol.TCP, List.of(40000));
    String json = xarf.render(r);
    JsonNode d = JSON.readTree(json);

    assertThat(d.get("source_identifier").asText()).isEqualTo("203.0.113.9");
    assertThat(d.has("x")).isFalse();
    List<String> users = JSON.convertValue(d.get("username_patterns"),
        JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    assertThat(users).containsExactlyElementsOf(hostile);
    assertThat(XarfSchemas.problems(XarfSchemas.schema("xarf-v4-master.json"), json)).isEmpty();
  }

  @Test
  void theOperatorsNamesAreRedacted() throws Exception {
    AbuseReport r = AbuseReport.of(Incidents.address(Incidents.kind("sshd-bf"), List.of("root", "alice", "PBX1-admin")),
        Incidents.context()).get(0).withTransport(Protocol.TCP, List.of(40000));
    String json = xarf.render(r);

    assertThat(JSON.readTree(json).get("username_patterns").toString())
        .isEqualTo("[\"root\",\"[user]\",\"[host]-admin\"]");
    String log = new String(Base64.getDecoder().decode(JSON.readTree(json).get("evidence").get(0).get("payload")
        .asText()), StandardCharsets.UTF_8);
    assertThat(log).doesNotContainIgnoringCase("pbx1").contains("/var/log/[host]/sshd.log");
  }

  @Test
  void aReportWithoutTheSourcePortOrProtocolIsRefusedNotRenderedInvalid() {
    AbuseReport noPort = AbuseReport.of(Incidents.of(Incidents.kind("sshd-bf")), Incidents.context()).get(0);
    AbuseReport noProtocol = AbuseReport.of(Incidents.of(Incidents.kind("asterisk-bf")), Incidents.context()).get(0);

    assertThat(noPort.protocol()).isEqualTo(Protocol.TCP);
    assertThat(XarfReport.missing(noPort)).containsExactly("source_port");
    assertThat(XarfReport.missing(noProtocol)).containsExactly("protocol", "source_port");
    assertThatThrownBy(() -> xarf.render(noPort)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source_port").hasMessageContaining("203.0.113.9");
  }

  @Test
  void aPrefixWithoutAddressesIsReportedAsThePrefixAndNeedsNoSourcePort() throws Exception {
    AbuseReport r = AbuseReport.of(Incidents.prefix(Incidents.kind("port-sweep-campaign"), List.of()),
        Incidents.context()).get(0).withTransport(Protocol.TCP, List.of());
    String json = xarf.render(r);

    assertThat(JSON.readTree(json).get("source_identifier").asText()).isEqualTo("203.0.113.0/24");
    assertThat(JSON.readTree(json).get("destination_ip").asText()).isEqualTo("192.0.2.10");
    assertThat(XarfSchemas.problems(XarfSchemas.schema("xarf-v4-master.json"), json)).isEmpty();
  }

  @Test
  void theSchemaValidatorRejectsABrokenReport() throws Exception {
    // Guards the tests above: with format assertions on, a bad e-mail and a bad type are caught.
    JsonNode d = JSON.readTree(xarf.render(report(Incidents.kind("sshd-bf"))));
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("reporter")).put("contact", "not an address");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("destination_ip", "999.1.1.1");
    JsonSchema master = XarfSchemas.schema("xarf-v4-master.json");

    assertThat(XarfSchemas.problems(master, d.toString())).contains("contact").contains("destination_ip");
  }

  @Test
  void anIpv6SourceValidates() throws Exception {
    var k = Incidents.kind("sshd-bf");
    var i = Incidents.prefix(k, List.of(IpAddress.of("2001:db8::7")));
    AbuseReport r = AbuseReport.of(i, Incidents.context()).get(0).withTransport(Protocol.TCP, List.of(2222));

    assertThat(r.source()).isEqualTo("2001:db8::7");
    assertThat(XarfSchemas.problems(XarfSchemas.schema("xarf-v4-master.json"), xarf.render(r))).isEmpty();
  }
}
