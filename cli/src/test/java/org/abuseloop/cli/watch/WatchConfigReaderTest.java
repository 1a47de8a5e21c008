package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.abuseloop.cli.watch.WatchConfig.FirewallBackend;
import org.abuseloop.cli.watch.WatchConfig.SourceKind;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The watch configuration file: every key read, defaults, and each bad or hostile value named by its path and line. */
class WatchConfigReaderTest {

  private static final Path STATE = Path.of("/var/lib/abuseloop-test");

  @TempDir
  Path dir;

  @Test
  void readsEveryKey() throws Exception {
    Files.writeString(dir.resolve("scen.yaml"), """
        scenarios:
          - id: ssh-test
            type: threshold
            match: {services: [sshd]}
            count: 3
            window: 1m
        """);
    WatchConfig c = parse("""
        sources:
          - kind: file
            path: logs/auth.log
            service: sshd
            zone: Europe/Berlin
          - kind: syslog-tcp
            listen: "[::1]:5514"
          - kind: journal
        firewall: {backend: ipset, table: abl2, dry-run: true}
        bans: {time: 5m, factor: 3, cap: 2d, prefix-bans: false, ipv4-prefix: 20, ipv6-prefix: 48}
        allow: {cidrs: [192.0.2.0/24, "2001:db8::1"], private: true}
        state: st
        store: jdbc:postgresql://127.0.0.1/abuseloop
        scenarios: scen.yaml
        metrics: {listen: 9999}
        ranges: /srv/ranges
        """);
    assertThat(c.sources()).hasSize(3);
    assertThat(c.sources().get(0).path()).isEqualTo(dir.resolve("logs/auth.log"));
    assertThat(c.sources().get(0).service()).isEqualTo(Service.SSHD);
    assertThat(c.sources().get(0).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.sources().get(1).kind()).isEqualTo(SourceKind.SYSLOG_TCP);
    assertThat(c.sources().get(1).address().getPort()).isEqualTo(5514);
    assertThat(c.sources().get(1).address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(c.sources().get(2).kind()).isEqualTo(SourceKind.JOURNAL);
    assertThat(c.firewall()).isEqualTo(new WatchConfig.Firewall(FirewallBackend.IPSET, "abl2", true));
    assertThat(c.bans()).isEqualTo(new WatchConfig.Bans(Duration.ofMinutes(5), 3, Duration.ofDays(2), false, 20, 48));
    assertThat(c.allow().cidrs()).containsExactly(IpPrefix.parse("192.0.2.0/24"), IpPrefix.parse("2001:db8::1"));
    assertThat(c.allow().allowPrivate()).isTrue();
    assertThat(c.stateDir()).isEqualTo(dir.resolve("st"));
    assertThat(c.storeUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/abuseloop");
    assertThat(c.scenarios()).isEqualTo(dir.resolve("scen.yaml"));
    assertThat(c.metrics().getPort()).isEqualTo(9999);
    assertThat(c.metrics().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(c.ranges()).isEqualTo(Path.of("/srv/ranges"));
  }

  @Test
  void takesDefaultsForWhatIsLeftOut() {
    WatchConfig c = parse("sources: [{kind: stdin}]\n");
    assertThat(c.firewall()).isEqualTo(WatchConfig.Firewall.defaults());
    assertThat(c.bans()).isEqualTo(WatchConfig.Bans.defaults());
    assertThat(c.allow()).isEqualTo(WatchConfig.Allow.defaults());
    assertThat(c.stateDir()).isEqualTo(STATE);
    assertThat(c.metrics()).isNull();
    assertThat(c.sources().get(0).zone()).isEqualTo(ZoneId.systemDefault());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown key              | bans: {time: 10m, factr: 2}                      | bans.factr: unknown key         | 2
      unknown top key          | sourcez: []                                      | sourcez: unknown key            | 2
      bad CIDR                 | allow: {cidrs: [192.0.2.0/24, 192.0.2.300/24]}   | allow.cidrs[1]: not an address  | 2
      CIDR too long            | allow: {cidrs: [192.0.2.0/33]}                   | allow.cidrs[0]: not an address  | 2
      bad duration             | bans: {time: 10 minutes}                         | bans.time: not a duration       | 2
      negative duration        | bans: {cap: -5m}                                 | bans.cap: must be positive      | 2
      factor below 1           | bans: {factor: 0.5}                              | bans.factor: must be at least 1 | 2
      cap below ban time       | bans: {time: 2h, cap: 1h}                        | bans.cap: must be at least      | 2
      prefix too wide          | bans: {ipv4-prefix: 8}                           | bans.ipv4-prefix: must be 16 to | 2
      port out of range        | metrics: {listen: 127.0.0.1:70000}               | metrics.listen: port out of     | 2
      host name, not address   | metrics: {listen: 'example.org:9464'}            | metrics.listen: expected PORT   | 2
      unknown firewall backend | firewall: {backend: pf}                          | firewall.backend: unknown value | 2
      bad table name           | firewall: {table: Bad-Name}                      | firewall.table: must be 1 to 12 | 2
      wrong type               | firewall: {dry-run: perhaps}                     | firewall.dry-run: expected true | 2
      bad store URL            | store: 'jdbc:mysql://x/y'                        | store: expected jdbc:sqlite     | 2
      """)
  void namesThePathAndLineOfABadValue(String name, String line, String expected, int lineNumber) {
    assertThat(problems("sources: [{kind: stdin}]\n" + line + "\n"))
        .singleElement().asString().startsWith(expected).endsWith("(line " + lineNumber + ", column " + column(line, expected) + ")");
  }

  @Test
  void badSourcesNameTheirIndex() {
    List<String> p = problems("""
        sources:
          - kind: file
            path: /var/log/a.log
          - kind: file
            service: asterix
          - kind: tape
          - kind: syslog-udp
            listen: 127.0.0.1:0
            path: /x
          - kind: stdin
            zone: Mars/Olympus
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("sources[1]: a file source needs 'path'").contains("line 4"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("sources[1].service: unknown service 'asterix'").contains("line 5"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("sources[2].kind: unknown value 'tape'").contains("line 6"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("sources[3].listen: port out of range").contains("line 8"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("sources[3].path: only a file source").contains("line 9"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("sources[4].zone: unknown time zone").contains("line 11"));
    assertThat(p).hasSize(6);
  }

  @Test
  void reportsEveryProblemNotOnlyTheFirst() {
    List<String> p = problems("""
        sources: [{kind: stdin}]
        firewall: {backend: pf, tabel: x}
        bans: {factor: 0, time: soon}
        allow: {cidrs: [nonsense]}
        """);
    assertThat(p).extracting(s -> s.substring(0, s.indexOf(':')))
        .containsExactlyInAnyOrder("firewall.tabel", "firewall.backend", "bans.factor", "bans.time", "allow.cidrs[0]");
  }

  @Test
  void aMissingOrEmptySourceListIsAnError() {
    assertThat(problems("bans: {time: 10m}\n")).singleElement().asString().startsWith("sources: missing");
    assertThat(problems("sources: []\n")).singleElement().asString().startsWith("sources: expected a list");
    assertThat(problems("")).singleElement().asString().startsWith("empty document");
    assertThat(problems("- just\n- a list\n")).singleElement().asString().startsWith("(document): expected a mapping");
  }

  @Test
  void syntaxErrorsAndDuplicateKeysGiveTheirLine() {
    assertThat(problems("sources: [{kind: stdin}]\nbans:\n  time: 10m\n  time: 20m\n"))
        .singleElement().asString().startsWith("not valid YAML: Duplicate field 'time'").contains("line 4");
    assertThat(problems("sources: [{kind: stdin}\nbans: x\n"))
        .singleElement().asString().startsWith("not valid YAML").contains("(line ");
  }

  @Test
  void aScenariosFileGoesThroughDetectsValidator() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "scenarios:\n  - id: x\n    type: threshold\n    match: {services: [sshd]}\n"
        + "    count: 0\n    window: 1m\n");
    List<String> p = problems("sources: [{kind: stdin}]\nscenarios: bad.yaml\n");
    assertThat(p).singleElement().asString().startsWith("scenarios: " + dir.resolve("bad.yaml") + ": scenarios[0].count");
    assertThat(problems("sources: [{kind: stdin}]\nscenarios: missing.yaml\n"))
        .singleElement().asString().startsWith("scenarios: cannot read");
  }

  @Test
  void anAliasBombIsRefused() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 12; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    bomb.append("sources: [{kind: stdin}]\n");
    assertThat(problems(bomb.toString())).isNotEmpty();
  }

  @Test
  void hostileValuesAreRefusedCleanly() {
    assertThat(problems("sources: [{kind: stdin}]\nstate: \"a\\0b\"\n")).singleElement().asString().startsWith("state: expected a file");
    assertThat(problems("sources: [{kind: stdin}]\nfirewall: {table: \"" + "x".repeat(1 << 20) + "\"}\n"))
        .singleElement().asString().startsWith("firewall.table");
    assertThat(problems("\u0000\u0001\uFFFE")).isNotEmpty();
  }

  private WatchConfig parse(String yaml) {
    return new WatchConfigReader("watch.yaml", dir, STATE).parse(yaml);
  }

  private List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (WatchConfigException e) {
      assertThat(e.getMessage()).startsWith("watch.yaml: ");
      assertThat(e.problems()).isNotEmpty();
      return e.problems();
    }
    throw new AssertionError("accepted: " + yaml);
  }

  /** The 1-based column where the key of {@code expected}'s path (its last part) starts on {@code line}. */
  private static int column(String line, String expected) {
    String path = expected.substring(0, expected.indexOf(':'));
    String last = path.substring(path.lastIndexOf('.') + 1);
    if (last.endsWith("]")) {
      int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.length() - 1));
      int open = line.indexOf('[');
      int at = open + 1;
      for (int i = 0; i < index; i++) {
        at = line.indexOf(',', at) + 1;
      }
      while (line.charAt(at) == ' ') {
        at++;
      }
      return at + 1;
    }
    return line.indexOf(last + ":") + 1;
  }
}
