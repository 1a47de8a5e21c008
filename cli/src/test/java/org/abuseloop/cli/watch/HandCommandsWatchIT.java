package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.cli.Main;
import org.abuseloop.logs.conformance.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manual commands ({@code ban}, {@code unban}, {@code firewall ratelimit}, {@code block-provider},
 * {@code restore}) run from this process against a real {@code abuseloop watch} running as a child
 * process, both in a network namespace this test creates, with real nftables: watch learns of each
 * change, never undoes it (a removal of the table pauses it until a restore), and its recovery after a
 * flush puts everything back at once.
 */
class HandCommandsWatchIT {

  private static final String TABLE = "ablhand";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  private NetNamespace ns;
  private WatchProcess watch;
  private Path state;

  @BeforeEach
  void createNamespace() {
    ns = NetNamespace.createForNftables("hand");
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
  void handBansUnbansRulesAndRestoresStayInStepWithARunningWatch() throws Exception {
    // A ban by hand goes in; an unban by hand of what watch banned stays done.
    Path log = startWatchWithTwoBans();
    assertThat(ns.set(TABLE, "ban4")).contains("203.0.113.50 timeout", "203.0.113.5 timeout");
    assertThat(hand("unban", "203.0.113.5")).isZero();
    assertStaysOut("203.0.113.5 ", Duration.ofSeconds(3));
    assertThat(ns.set(TABLE, "ban4")).contains("203.0.113.50 timeout");

    // Rules by hand: watch takes them into its own table.
    Path feeds = Files.createDirectories(state.resolve("feeds"));
    Files.writeString(feeds.resolve("aws-ip-ranges.json"), aws("198.51.100.0/25", "2001:db8:aa::/48"));
    assertThat(hand("firewall", "ratelimit", "udp/5060", "3/60s")).isZero();
    assertThat(hand("firewall", "block-provider", "aws", "--ranges", feeds.toString())).isZero();
    watch.await(l -> l.equals("restored 1 rate limits, 1 range blocks"), WAIT);

    // A flush under the running watch: bans, the rate limit and the provider set come back in one go.
    int reinstalls = count("firewall table missing: reinstalling");
    long flushed = System.nanoTime();
    ns.exec("nft", "flush", "ruleset");
    String table = firstTableListing();
    long backMillis = (System.nanoTime() - flushed) / 1_000_000;
    System.out.println("table back " + backMillis + " ms after the flush");
    assertThat(table).as("everything is in the first listing after the flush: one transaction")
        .contains("203.0.113.50", "udp dport 5060", "limit rate over 3/minute", "@r4_aws", "198.51.100.0/25", "2001:db8:aa::/48")
        .doesNotContain("203.0.113.5 ");
    assertThat(backMillis).as("the guard looks once a second").isLessThan(5_000);
    watch.awaitCount(l -> l.equals("firewall table missing: reinstalling"), reinstalls + 1, WAIT);
    assertStaysOut("203.0.113.5 ", Duration.ofSeconds(2));

    // The address unbanned by hand is banned again on its next incident (sshd-bf's is still open: the
    // 11th failure overflows sshd-slow-bf), as a second offense.
    append(log, failures("203.0.113.5", 6));
    watch.await(l -> l.startsWith("ban 203.0.113.5 for 20m scenario=") && l.endsWith(" offenses=2"), WAIT);
    assertThat(ns.set(TABLE, "ban4")).containsPattern("203\\.0\\.113\\.5 timeout (20m|19m59s\\d*ms) ");

    // A ban by hand counts for escalation: watch's next ban of that address is its second offense, in the kernel too.
    assertThat(hand("ban", "203.0.113.60", "--for", "1h")).isZero();
    assertThat(hand("unban", "203.0.113.60")).isZero();
    awaitStderr("by hand: unban 203.0.113.60/32"); // watch took both in
    append(log, failures("203.0.113.60", 5));
    watch.await(l -> l.startsWith("ban 203.0.113.60 for 20m scenario=") && l.endsWith(" offenses=2"), WAIT);
    assertThat(ns.set(TABLE, "ban4")).containsPattern("203\\.0\\.113\\.60 timeout (20m|19m59s\\d*ms) ");

    // A restore by another command rebuilt the table: watch follows, and keeps banning into it.
    int byHand = count("firewall changed by hand: reinstalling");
    assertThat(hand("firewall", "restore")).isZero();
    watch.awaitCount(l -> l.equals("firewall changed by hand: reinstalling"), byHand + 1, WAIT);
    append(log, failures("192.0.2.70", 5));
    watch.await(l -> l.startsWith("ban 192.0.2.70 for 10m"), WAIT);
    assertThat(ns.set(TABLE, "ban4")).contains("203.0.113.50 timeout", "203.0.113.5 timeout", "203.0.113.60 timeout",
        "192.0.2.70 timeout");
    assertThat(ns.nft("list", "table", "inet", TABLE)).contains("udp dport 5060", "@r4_aws");
  }

  @Test
  void aRemovalByHandPausesTheRunningWatchUntilARestore() throws Exception {
    Path log = startWatchWithTwoBans();

    // The operator removes the table: it stays removed, though watch looks once a second.
    assertThat(hand("firewall", "remove")).isZero();
    watch.await(l -> l.equals("firewall removed by hand: paused"), WAIT);
    assertTableStaysAway(Duration.ofSeconds(3));

    // Paused, watch still decides and records bans, and applies none.
    append(log, failures("192.0.2.80", 5));
    watch.await(l -> l.equals("paused: ban 192.0.2.80 for 10m scenario=sshd-bf offenses=1"), WAIT);
    assertTableStaysAway(Duration.ofSeconds(2));
    assertThat(watch.lines()).doesNotContain("ban 192.0.2.80 for 10m scenario=sshd-bf offenses=1",
        "firewall table missing: reinstalling");

    // A restore resumes: every ban of the store is back, the one decided while paused included, and new ones go in.
    assertThat(hand("firewall", "restore")).isZero();
    watch.await(l -> l.equals("firewall resumed by hand"), WAIT);
    assertThat(ns.set(TABLE, "ban4")).contains("203.0.113.50 timeout", "203.0.113.5 timeout", "192.0.2.80 timeout");
    append(log, failures("192.0.2.90", 5));
    watch.await(l -> l.equals("ban 192.0.2.90 for 10m scenario=sshd-bf offenses=1"), WAIT);
    assertThat(ns.set(TABLE, "ban4")).contains("192.0.2.90 timeout", "192.0.2.80 timeout");

    // And the guard keeps the table again: a flush brings it back.
    int reinstalls = count("firewall table missing: reinstalling");
    ns.exec("nft", "flush", "ruleset");
    watch.awaitCount(l -> l.equals("firewall table missing: reinstalling"), reinstalls + 1, WAIT);
    assertThat(firstTableListing()).contains("192.0.2.80", "192.0.2.90", "203.0.113.50");
  }

  /**
   * Starts watch on an empty auth log in the namespace, bans 203.0.113.50 by hand and lets watch ban
   * 203.0.113.5 (five failures); returns the log.
   */
  private Path startWatchWithTwoBans() throws IOException, InterruptedException {
    Path log = Files.createFile(dir.resolve("auth.log"));
    state = dir.resolve("state");
    watch = WatchProcess.start(ns.name(), dir.resolve("watch.stderr"),
        "--log", log.toString(), "--state", state.toString(), "--table", TABLE, "--zone", "UTC");
    assertThat(hand("ban", "203.0.113.50", "--for", "1h")).isZero();
    append(log, failures("203.0.113.5", 5));
    watch.await(l -> l.equals("ban 203.0.113.5 for 10m scenario=sshd-bf offenses=1"), WAIT);
    return log;
  }

  /** Lists the namespace's tables every 50 ms for {@code during}: watch's is never among them. */
  private void assertTableStaysAway(Duration during) throws InterruptedException {
    long end = System.nanoTime() + during.toNanos();
    while (System.nanoTime() < end) {
      assertThat(ns.nft("list", "tables")).doesNotContain("inet " + TABLE);
      Thread.sleep(50);
    }
  }

  /** Runs a manual command in this process (the firewall through ip netns exec), against watch's state and table. */
  private int hand(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--netns", ns.name(), "--table", TABLE, "--state", state.toString()));
    return Main.run(all.toArray(String[]::new));
  }

  /** Samples the ban set every 50 ms for {@code during}: {@code element} is never in it. */
  private void assertStaysOut(String element, Duration during) throws InterruptedException {
    long end = System.nanoTime() + during.toNanos();
    while (System.nanoTime() < end) {
      String set = ns.set(TABLE, "ban4");
      assertThat(set).doesNotContain(element);
      Thread.sleep(50);
    }
  }

  /** The first successful listing of the table after it was flushed. */
  private String firstTableListing() throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      try {
        return NetNamespace.run(ns.inside(List.of("nft", "list", "table", "inet", TABLE)));
      } catch (RuntimeException e) {
        Thread.sleep(10); // not back yet
      }
    }
    throw new AssertionError("the table did not come back within " + WAIT + "; watch printed " + watch.lines());
  }

  private void awaitStderr(String text) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (!watch.stderr().contains(text)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("watch did not log '" + text + "': " + watch.stderr());
      }
      Thread.sleep(20);
    }
  }

  private int count(String line) {
    return (int) watch.lines().stream().filter(line::equals).count();
  }

  private static List<String> failures(String source, int n) {
    List<String> lines = new ArrayList<>();
    Instant t = Instant.now();
    for (int i = 0; i < n; i++) {
      lines.add(t.plusMillis(i) + " gw sshd[812]: Failed password for root from " + source + " port " + (40000 + i) + " ssh2");
    }
    return lines;
  }

  private static void append(Path log, List<String> lines) throws IOException {
    Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** An AWS feed (documentation prefixes), one EC2 eu-west-1 range per family. */
  private static String aws(String v4, String v6) {
    return """
        {"syncToken": "1", "createDate": "2099-12-31-00-00-00",
         "prefixes": [{"ip_prefix": "%s", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}],
         "ipv6_prefixes": [{"ipv6_prefix": "%s", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}]}
        """.formatted(v4, v6);
  }
}
