package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.logs.conformance.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code abuseloop watch --config FILE} end to end inside a network namespace the test creates: the
 * file's sources, ban policy, allow list, table and metrics endpoint are the ones used, the remembered
 * rate limit is added after the start, bans and incidents are logged as logfmt.
 */
class WatchConfigIT {

  private static final String TABLE = "ablcfg";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private NetNamespace ns;
  private WatchProcess watch;

  @BeforeEach
  void createNamespace() {
    ns = NetNamespace.createForNftables("watch");
  }

  @AfterEach
  void deleteNamespace() throws InterruptedException {
    try {
      if (watch != null) {
        watch.close();
      }
    } finally {
      ns.close();
    }
  }

  @Test
  void runsFromTheConfigurationFile() throws Exception {
    Path log = Files.createFile(dir.resolve("auth.log"));
    Path state = Files.createDirectories(dir.resolve("state"));
    Files.writeString(state.resolve("firewall-rules.json"),
        "{\"version\": 1, \"limits\": [{\"port\": \"udp/5060\", \"rate\": \"3/60s\"}], \"blocks\": []}");
    Path config = dir.resolve("watch.yaml");
    Files.writeString(config, """
        sources:
          - kind: file
            path: auth.log
            service: sshd
            zone: UTC
        firewall: {backend: nftables, table: %s}
        bans: {time: 90s, factor: 3, cap: 1h}
        allow: {cidrs: [198.51.100.0/24]}
        state: state
        metrics: {listen: 127.0.0.1:19464}
        """.formatted(TABLE));
    watch = WatchProcess.start(ns.name(), dir.resolve("watch.stderr"), "--config", config.toString());

    append(log, failures("198.51.100.7", 6)); // allow-listed: never banned
    append(log, failures("203.0.113.5", 5));
    watch.await(l -> l.startsWith("ban 203.0.113.5 for "), WAIT);
    assertThat(watch.lines()).noneMatch(l -> l.contains("198.51.100.7"));
    assertThat(ns.set(TABLE, "ban4")).containsPattern("203\\.0\\.113\\.5 timeout 1m(30s|29s\\d+ms) expires");

    assertThat(limitsChain()).contains("udp dport 5060", "limit rate over 3/minute burst 3 packets");
    assertThat(watch.stderr()).containsPattern("level=info event=ban target=203\\.0\\.113\\.5 seconds=(89|90) scenario=sshd-bf offenses=1")
        .doesNotContain("SLF4J").contains("level=info event=incident scenario=sshd-bf scope=address source=203.0.113.5");

    String metrics = ns.exec(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        Scrape.class.getName(), "http://127.0.0.1:19464/metrics");
    assertThat(metrics).startsWith("200\n")
        .contains("abuseloop_lines_total{source=\"file:" + log.toAbsolutePath().normalize() + "\"} 11.0")
        .contains("abuseloop_bans_total{ip_version=\"4\",scope=\"host\"} 1.0")
        .contains("abuseloop_reaction_seconds_count 1\n")
        .contains("abuseloop_incidents_total{scenario=\"sshd-bf\",scope=\"address\"} 1.0");
  }

  /** The table's limits chain, once watch has added the remembered limit after its start. */
  private String limitsChain() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String table = "";
    while (System.nanoTime() < deadline) {
      table = ns.exec("nft", "list", "table", "inet", TABLE);
      if (table.contains("dport 5060")) {
        return table;
      }
      Thread.sleep(50);
    }
    return table;
  }

  private static List<String> failures(String source, int n) {
    List<String> lines = new ArrayList<>();
    Instant t = Instant.now();
    for (int i = 0; i < n; i++) {
      lines.add(t.plusMillis(i) + " gw sshd[812]: Failed password for root from " + source + " port " + (40000 + i) + " ssh2");
    }
    return lines;
  }

  private static void append(Path log, List<String> lines) throws java.io.IOException {
    Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
