package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading scenarios from YAML: every key read, the defaults, and each bad value named by its YAML path. */
class DetectionConfigTest {

  private static final String OK = """
      settings:
        maxKeys: 500
        allow: [192.0.2.0/24, "2001:db8::/32", 198.51.100.7]
        prefix: {ipv4: 16, ipv6: 48}
        includePrivate: true
      scenarios:
        - id: ssh
          description: five in ten minutes
          type: threshold
          match: {services: [sshd], kinds: [auth-failure, UNKNOWN_USER]}
          count: 5
          window: 10m
        - id: slow
          type: leaky
          match: {families: [sshd.auth.*]}
          capacity: 10
          leak: 90s
        - id: scan
          type: distinct
          distinct: target-address
          perTargetPort: true
          match: {kinds: [connection-denied]}
          count: 8
          window: PT1H
          groupBy: [address, prefix, owner]
          minSources: 2
        - id: off
          enabled: false
          type: threshold
          match: {kinds: [scanner]}
          count: 1
          window: 1s
      """;

  @Test
  void readsEveryKey() {
    DetectionConfig c = DetectionConfig.parse(OK, "test.yaml");
    assertThat(c.settings().maxKeys()).isEqualTo(500);
    assertThat(c.settings().allow()).containsExactly(IpPrefix.parse("192.0.2.0/24"), IpPrefix.parse("2001:db8::/32"),
        IpPrefix.parse("198.51.100.7/32"));
    assertThat(c.settings().ipv4Prefix()).isEqualTo(16);
    assertThat(c.settings().ipv6Prefix()).isEqualTo(48);
    assertThat(c.settings().includePrivate()).isTrue();
    assertThat(c.settings().includeLoopback()).isFalse();
    assertThat(c.scenarios()).extracting(Scenario::id).containsExactly("ssh", "slow", "scan");
    Scenario ssh = c.scenario("ssh");
    assertThat(ssh.type()).isEqualTo(ScenarioType.THRESHOLD);
    assertThat(ssh.match().services()).containsExactly(Service.SSHD);
    assertThat(ssh.match().kinds()).containsExactlyInAnyOrder(EventKind.AUTH_FAILURE, EventKind.UNKNOWN_USER);
    assertThat(ssh.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(ssh.groupBy()).containsExactly(Scope.ADDRESS);
    assertThat(c.scenario("slow").leak()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.scenario("slow").quiet()).isEqualTo(Duration.ofMinutes(15));
    Scenario scan = c.scenario("scan");
    assertThat(scan.distinct()).isEqualTo(DistinctField.TARGET_ADDRESS);
    assertThat(scan.perTargetPort()).isTrue();
    assertThat(scan.window()).isEqualTo(Duration.ofHours(1));
    assertThat(scan.groupBy()).containsExactlyInAnyOrder(Scope.ADDRESS, Scope.PREFIX, Scope.OWNER);
    assertThat(scan.minSources()).isEqualTo(2);
  }

  @Test
  void theDefaultsLoadAndDescribeThemselves() {
    DetectionConfig c = DetectionConfig.defaults();
    assertThat(c.scenarios()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(c.scenarios()).allSatisfy(s -> assertThat(s.description()).hasSizeGreaterThan(30));
    assertThat(c.scenario("sshd-bf")).satisfies(s -> {
      assertThat(s.count()).isEqualTo(5);
      assertThat(s.window()).isEqualTo(Duration.ofMinutes(10));
    });
    assertThat(c.settings()).isEqualTo(Settings.defaults());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "count: 0|scenarios[0].count: must be at least 1",
      "count: -3|scenarios[0].count: must be at least 1",
      "count: 100000|scenarios[0].count: must be at most 10000",
      "window: -5m|scenarios[0].window: must be positive",
      "window: 0s|scenarios[0].window: must be positive",
      "window: 10 parsecs|scenarios[0].window: '10 parsecs' is not a duration",
      "window: 90d|scenarios[0].window: at most 30d",
      "colour: blue|scenarios[0].colour: unknown key",
      "count: five|scenarios[0].count: expected a whole number",
      "capacity: 3|scenarios[0].capacity: not a key of a threshold scenario",
      "distinct: user|scenarios[0].distinct: not a key of a threshold scenario",
      "perTargetPort: true|scenarios[0].perTargetPort: only for a distinct target-address scenario",
      "minSources: 3|scenarios[0].minSources: needs groupBy prefix or owner",
      "groupBy: [address, asn]|scenarios[0].groupBy[1]: unknown scope 'asn'",
      "groupBy: []|scenarios[0].groupBy: must name at least one",
  })
  void aBadScenarioValueIsNamedByItsPath(String line, String problem) {
    String yaml = """
        scenarios:
          - id: ssh
            type: threshold
            match: {services: [sshd]}
        """ + (line.startsWith("count") ? "" : "    count: 5\n") + (line.startsWith("window") ? "" : "    window: 10m\n")
        + "    " + line + "\n";
    assertThatThrownBy(() -> DetectionConfig.parse(yaml, "bad.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bad.yaml: ")
        .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(p -> assertThat(p).startsWith(problem)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "match: {services: [sshdd]}|scenarios[0].match.services[0]: unknown service 'sshdd'",
      "match: {kinds: [auth-fail]}|scenarios[0].match.kinds[0]: unknown kind 'auth-fail'",
      "match: {families: ['Bad Family']}|scenarios[0].match.families[0]: 'Bad Family' is not a family id",
      "match: {}|scenarios[0].match: must name services, kinds or families",
      "match: {services: [sshd], colour: red}|scenarios[0].match.colour: unknown key",
  })
  void aBadMatchIsNamedByItsPath(String match, String problem) {
    String yaml = "scenarios:\n  - id: x\n    type: threshold\n    count: 2\n    window: 1m\n    " + match + "\n";
    assertThatThrownBy(() -> DetectionConfig.parse(yaml, "bad.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(problem)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "allow: [10.0.0.0/33]|settings.allow[0]: not an address or CIDR: '10.0.0.0/33'",
      "allow: [192.0.2.0/24, banana]|settings.allow[1]: not an address or CIDR: 'banana'",
      "maxKeys: 0|settings.maxKeys: must be at least 1",
      "evidence: -1|settings.evidence: must be at least 0",
      "prefix: {ipv4: 40}|settings.prefix.ipv4: must be at most 32",
      "prefix: {ipv5: 24}|settings.prefix.ipv5: unknown key",
      "includePrivate: maybe|settings.includePrivate: expected true or false",
  })
  void aBadSettingIsNamedByItsPath(String setting, String problem) {
    String yaml = "settings:\n  " + setting + "\nscenarios:\n  - {id: x, type: threshold, match: {kinds: [scanner]}, count: 2, window: 1m}\n";
    assertThatThrownBy(() -> DetectionConfig.parse(yaml, "bad.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(problem)));
  }

  @Test
  void everyProblemOfEveryScenarioIsReportedAtOnce() {
    String yaml = """
        scenarios:
          - {id: a, type: threshold, match: {kinds: [scanner]}, count: 0, window: 1m}
          - {id: b, type: leaky, match: {kinds: [scanner]}, capacity: 5, leak: -1s}
          - {id: a, type: distinct, match: {kinds: [scanner]}, count: 3, window: 1m}
          - {id: Bad!, type: bucket, match: {kinds: [scanner]}}
        """;
    assertThatThrownBy(() -> DetectionConfig.parse(yaml, "bad.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "scenarios[0].count: must be at least 1",
            "scenarios[1].leak: must be positive",
            "scenarios[2].id: duplicate of scenarios[0] ('a')",
            "scenarios[2].distinct: missing (one of user, target-port, target-address)",
            "scenarios[3].id: 'Bad!' must be lower case letters, digits, '.', '_' or '-' (at most 64)",
            "scenarios[3].type: unknown type 'bucket' (one of threshold, leaky, distinct)"));
  }

  @Test
  void everyUnknownKeyIsReportedAtOnce() {
    String yaml = """
        settings: {maxKey: 5}
        scenarios:
          - {id: a, type: threshold, match: {kinds: [scanner], kind: [x]}, count: 2, window: 1m, windows: 2m}
          - {id: b, type: threshold, match: {kinds: [scanner]}, count: 2, window: 1m, colour: red}
        """;
    assertThatThrownBy(() -> DetectionConfig.parse(yaml, "bad.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .map(p -> p.replaceAll(" \\(line.*", ""))
            .containsExactly("settings.maxKey: unknown key", "scenarios[0].match.kind: unknown key",
                "scenarios[0].windows: unknown key", "scenarios[1].colour: unknown key"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|empty document: no scenarios",
      "'settings: {}'|scenarios: missing or empty",
      "'scenarios: []'|scenarios: missing or empty",
      "'scenarios: [{id: x'|scenarios[0]: while parsing a flow mapping (line 1, column 19)",
      "'scenarios: x: y'|scenarios: expected a list (line 1, column 12)",
      "'\tscenarios: []'|not valid YAML",
      "'scenarios: {id: x}'|scenarios: expected a list",
      "'scenarios:\n  - id: x\n    id: y'|scenarios[0]: Duplicate field 'id' (line 3, column 7)",
  })
  void aBrokenDocumentIsRejected(String yaml, String problem) {
    assertThatThrownBy(() -> DetectionConfig.parse(yaml.replace("\\n", "\n"), "bad.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(problem)));
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "10m,PT10M", "10min,PT10M", "1h,PT1H", "2d,PT48H", "PT15M,PT15M"})
  void durationsReadAsFail2banWritesThem(String text, String iso) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
  }
}
