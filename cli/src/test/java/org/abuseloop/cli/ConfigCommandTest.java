package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code abuseloop config check}: the shipped example passes, a bad file lists every problem and exits 2. */
class ConfigCommandTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "watch.yaml");

  @Test
  void theShippedExamplePasses() {
    CommandRun run = CommandRun.of("config", "check", EXAMPLE.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("ok: " + EXAMPLE)
        .contains("sources:   4: file:/var/log/asterisk/messages [asterisk] zone Europe/Berlin")
        .contains("syslog-udp:127.0.0.1:5514")
        .contains("firewall:  nftables, table abuseloop")
        .contains("bans:      first 10m, x2 per repeat offense, at most 7d; prefix bans /24 and /64")
        .contains("3 CIDRs [192.0.2.0/24, 2001:db8:100::/48, 198.51.100.7/32]")
        .contains("state:     /var/lib/abuseloop")
        .contains("store:     jdbc:sqlite:/var/lib/abuseloop/abuseloop.db")
        .contains("scenarios: built-in (")
        .contains("metrics:   http://127.0.0.1:9464/metrics");
    assertThat(run.out().lines().count()).isLessThan(25);
  }

  @Test
  void theExampleDocumentsEveryKey() throws Exception {
    String text = Files.readString(EXAMPLE);
    for (String key : org.abuseloop.cli.watch.WatchConfigReader.keys()) {
      assertThat(text).as("examples/watch.yaml documents " + key).containsPattern("(?m)^\\s*(- )?" + key + ":");
    }
  }

  @Test
  void aBadFilePrintsEveryProblemAndExitsTwo(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        sources:
          - kind: file
            path: /var/log/auth.log
            service: sshd
        bans:
          factor: 0.5
          time: 10m
          cap: 5m
        allow:
          cidrs: [203.0.113.0/24, 203.0.113.999]
        firewall:
          backend: windows
        """);
    CommandRun run = CommandRun.of("config", "check", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(bad + ": 4 problems")
        .contains("bans.factor: must be at least 1 (1 = no escalation), got 0.5 (line 6, column 3)")
        .contains("bans.cap: must be at least bans.time (PT10M), got PT5M (line 8, column 3)")
        .contains("allow.cidrs[1]: not an address or CIDR: '203.0.113.999' (line 10, column 27)")
        .contains("firewall.backend: unknown value 'windows' (one of nftables, ipset, iptables, none) (line 12, column 3)");
  }

  @Test
  void aMissingFileIsReported(@TempDir Path dir) {
    CommandRun run = CommandRun.of("config", "check", dir.resolve("none.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("none.yaml: no such file");
  }
}
