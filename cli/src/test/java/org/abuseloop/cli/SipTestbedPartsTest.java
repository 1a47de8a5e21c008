package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The pure parts the Kamailio end-to-end test relies on, checked without root: reading nft's JSON
 * into a {@link BanTable}, and stamping Kamailio's stderr lines the way syslog files them.
 */
class SipTestbedPartsTest {

  /** What {@code nft -j list table inet t1} prints for watch's layout (nft 1.0.6), one ban in the set. */
  private static final String TABLE = """
      {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
       {"table": {"family": "inet", "name": "t1", "handle": 1}},
       {"counter": {"family": "inet", "name": "banned", "table": "t1", "handle": 1, "packets": 14, "bytes": 980}},
       {"counter": {"family": "inet", "name": "other", "table": "t1", "handle": 5, "packets": 99, "bytes": 1}},
       {"set": {"family": "inet", "name": "ban4", "table": "t1", "type": "ipv4_addr", "handle": 2, "flags": ["timeout"],
         "elem": [{"elem": {"val": "198.51.100.7", "timeout": 600, "expires": 599}}, "203.0.113.9"]}},
       {"set": {"family": "inet", "name": "ban6", "table": "t1", "type": "ipv6_addr", "handle": 3,
         "elem": ["2001:db8::9"]}},
       {"chain": {"family": "inet", "table": "t1", "name": "input", "handle": 3, "type": "filter", "hook": "input"}},
       {"rule": {"family": "inet", "table": "t1", "chain": "input", "handle": 4, "expr": [
         {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "@ban4"}},
         {"counter": "banned"}, {"drop": null}]}},
       {"rule": {"family": "inet", "table": "t1", "chain": "input", "handle": 6, "expr": [
         {"match": {"op": "==", "left": {"payload": {"protocol": "ip6", "field": "saddr"}}, "right": "@ban6"}},
         {"counter": "other"}, {"drop": null}]}}]}
      """;

  @Test
  void aBanTableHoldsTheIpv4SetAndTheCountOfTheRuleDroppingIt() {
    BanTable t = BanTable.parse(TABLE);

    assertThat(t.banned()).containsExactly("198.51.100.7", "203.0.113.9");
    assertThat(t.dropped()).isEqualTo(14);
    assertThat(t.dropRules()).isEqualTo(1);
  }

  @Test
  void aRuleWithItsOwnCounterCountsToo() {
    String json = TABLE.replace("{\"counter\": \"banned\"}", "{\"counter\": {\"packets\": 3, \"bytes\": 210}}");

    assertThat(BanTable.parse(json).dropped()).isEqualTo(3);
  }

  @Test
  void aTableWithoutTheDropRuleCountsNothing() {
    String json = TABLE.replace("{\"drop\": null}]}},\n", "{\"accept\": null}]}},\n");

    BanTable t = BanTable.parse(json);
    assertThat(t.dropRules()).isZero();
    assertThat(t.dropped()).isZero();
  }

  @Test
  void aKamailioStderrLineIsFiledWithTimeHostAndItsProcess() {
    String line = KamailioServer.stamped(" 2(4874) WARNING: <script>: abuseloop: outcome=scanner src=198.51.100.7", "4870");

    assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 sip kamailio\\[4874\\]: "
        + "WARNING: <script>: abuseloop: outcome=scanner src=198\\.51\\.100\\.7\n");
  }

  @Test
  void aLineWithoutAProcessMarkerKeepsItsTextAndTakesTheMainProcess() {
    assertThat(KamailioServer.stamped("Listening on ", "4870")).endsWith(" sip kamailio[4870]: Listening on \n");
    assertThat(KamailioServer.stamped("12(x) y", "4870")).endsWith(" sip kamailio[4870]: 12(x) y\n");
  }
}
