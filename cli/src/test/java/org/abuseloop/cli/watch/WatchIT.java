package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.abuseloop.logs.conformance.NetNamespace;
import org.abuseloop.store.Ban;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code abuseloop watch} command, as a child process inside a network namespace this test
 * creates, against a log file it appends to and the real nftables of that namespace: bans, rotation,
 * a flushed ruleset, and kill -9 in the middle of a burst.
 */
class WatchIT {

  private static final String TABLE = "abltest";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  private NetNamespace ns;
  private final List<WatchProcess> started = new ArrayList<>();

  @BeforeEach
  void createNamespace() {
    ns = NetNamespace.createForNftables("watch");
  }

  @AfterEach
  void deleteNamespace() throws InterruptedException {
    try {
      for (WatchProcess w : started) {
        w.close();
      }
    } finally {
      ns.close();
    }
  }

  @Test
  void bansFromAFollowedLogAcrossRotationAndAfterAFlushedRuleset() throws Exception {
    Path log = Files.createFile(dir.resolve("auth.log"));
    WatchProcess watch = start(log, dir.resolve("state"), TABLE);

    append(log, failures("10.1.2.3", 8)); // private: never banned
    append(log, failures("127.0.0.1", 8)); // loopback: never banned
    append(log, failures("203.0.113.5", 5));
    watch.await(l -> l.equals("ban 203.0.113.5 for 10m scenario=sshd-bf offenses=1"), WAIT);
    assertThat(watch.lines()).noneMatch(l -> l.contains("10.1.2.3") || l.contains("127.0.0.1"));
    assertThat(ns.set(TABLE, "ban4")).doesNotContain("10.1.2.3", "127.0.0.1").containsPattern("203\\.0\\.113\\.5 timeout (10m|9m59s\\d+ms) expires");

    Files.move(log, dir.resolve("auth.log.1")); // rotation by rename
    append(log, failures("203.0.113.6", 5));
    watch.await(l -> l.startsWith("ban 203.0.113.6 "), WAIT);

    Files.copy(log, dir.resolve("auth.log.2"), StandardCopyOption.REPLACE_EXISTING); // copytruncate
    Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
    Thread.sleep(500); // the daemon writes again later; a truncation refilled at once to the same size is invisible
    append(log, failures("203.0.113.7", 5));
    watch.await(l -> l.startsWith("ban 203.0.113.7 "), WAIT);

    ns.exec("nft", "flush", "ruleset");
    watch.await(l -> l.equals("firewall table missing: reinstalling"), WAIT);
    watch.await(l -> l.equals("restored 3 bans"), WAIT);
    assertThat(ns.set(TABLE, "ban4")).contains("203.0.113.5", "203.0.113.6", "203.0.113.7");
    assertThat(watch.lines()).filteredOn(l -> l.startsWith("ban ")).hasSize(3);
  }

  @Test
  void aKillInTheMiddleOfABurstLosesNoLineCountsNoneTwiceAndRestoresEveryBan() throws Exception {
    List<List<String>> chunks = burst();
    Set<String> shouldBan = new HashSet<>();
    for (int a = 0; a < ATTACKERS; a++) {
      if (linesOf(a) >= 5) {
        shouldBan.add(attacker(a));
      }
    }

    // The run that is not killed.
    Path straightLog = Files.createFile(dir.resolve("straight.log"));
    Path straightState = dir.resolve("straight");
    try (WatchProcess straight = start(straightLog, straightState, "ablstraight")) {
      for (List<String> chunk : chunks) {
        append(straightLog, chunk);
        Thread.sleep(5);
      }
      straight.awaitCount(l -> l.startsWith("ban "), shouldBan.size(), WAIT);
    }

    // The same burst, killed halfway; the rest of it arrives while watch is down.
    Path log = Files.createFile(dir.resolve("burst.log"));
    Path state = dir.resolve("killed");
    WatchProcess first = start(log, state, TABLE);
    int half = chunks.size() / 2;
    for (int i = 0; i < half; i++) {
      append(log, chunks.get(i));
      Thread.sleep(5);
    }
    first.awaitCount(l -> l.startsWith("ban "), 1, WAIT);
    first.kill();
    List<String> before = first.lines().stream().filter(l -> l.startsWith("ban ")).toList();
    for (int i = half; i < chunks.size(); i++) {
      append(log, chunks.get(i));
    }
    List<Ban> committed;
    try (Store store = Store.openIn(state)) {
      committed = store.bans().activeAt(Instant.now());
    }
    WatchProcess second = start(log, state, TABLE);
    second.await(l -> l.equals("restored " + committed.size() + " bans"), WAIT);
    second.awaitCount(l -> l.startsWith("ban "), shouldBan.size() - committed.size(), WAIT);
    second.close();

    List<Ban> straightBans;
    List<Ban> killedBans;
    try (Store s = Store.openIn(straightState); Store k = Store.openIn(state)) {
      straightBans = s.bans().activeAt(Instant.now());
      killedBans = k.bans().activeAt(Instant.now());
    }
    assertThat(targets(straightBans)).containsExactlyInAnyOrderElementsOf(shouldBan);
    assertThat(targets(killedBans)).containsExactlyInAnyOrderElementsOf(shouldBan);
    assertThat(killedBans).extracting(Ban::offenses).containsOnly(1);
    assertThat(straightBans).extracting(Ban::offenses).containsOnly(1);
    List<String> after = second.lines().stream().filter(l -> l.startsWith("ban ")).toList();
    Set<String> printed = new HashSet<>(before);
    printed.addAll(after);
    assertThat(before.size() + after.size()).as("no ban decided twice").isEqualTo(printed.size());
    assertThat(before.size()).as("the kill came in the middle of the burst").isBetween(1, shouldBan.size() - 1);

    String set = ns.set(TABLE, "ban6");
    for (String a : shouldBan) {
      assertThat(set).contains(a + " timeout");
    }
    for (int a = 0; a < ATTACKERS; a++) {
      if (linesOf(a) < 5) {
        assertThat(set).doesNotContain(attacker(a) + " ");
      }
    }
    for (Ban b : committed) { // restored with the time it had left, not a fresh 10 minutes
      assertThat(set).contains(b.target().network() + " timeout ").doesNotContain(b.target().network() + " timeout 10m ");
    }
  }

  @Test
  void bansFromSyslogOverUdpAndTcp() throws Exception {
    WatchProcess watch = WatchProcess.start(ns.name(), dir.resolve("syslog.stderr"), "--syslog-udp", "127.0.0.1:5514",
        "--syslog-tcp", "127.0.0.1:6514", "--state", dir.resolve("state").toString(), "--table", TABLE, "--zone", "UTC");
    started.add(watch);

    StringBuilder udp = new StringBuilder();
    for (String l : failures("198.51.100.20", 5)) { // RFC 3164 with a priority, one datagram per line
      String bsd = "<38>" + java.time.format.DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", java.util.Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC).format(Instant.now()) + l.substring(l.indexOf(" gw "));
      udp.append("printf '%s' '").append(bsd).append("' > /dev/udp/127.0.0.1/5514; ");
    }
    ns.exec("bash", "-c", udp.toString());
    watch.await(l -> l.equals("ban 198.51.100.20 for 10m scenario=sshd-bf offenses=1"), WAIT);

    StringBuilder tcp = new StringBuilder();
    for (String l : failures("198.51.100.21", 5)) { // RFC 5424, newline framing, one connection
      tcp.append("<38>1 ").append(l.replace(" gw sshd[812]: ", " gw sshd 812 - - ")).append("\n");
    }
    ns.exec("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/6514; printf '" + tcp + "' >&3; exec 3>&-");
    watch.await(l -> l.equals("ban 198.51.100.21 for 10m scenario=sshd-bf offenses=1"), WAIT);

    assertThat(ns.set(TABLE, "ban4")).contains("198.51.100.20 timeout", "198.51.100.21 timeout");
  }

  private static final int ATTACKERS = 120;

  /** Attackers 0..119, each in its own /64: two in three fail 5 times (banned), one in three 4 times (not). */
  private static int linesOf(int attacker) {
    return attacker % 3 == 2 ? 4 : 5;
  }

  private static String attacker(int a) {
    return "2001:db8:" + Integer.toHexString(0x100 + a) + "::9";
  }

  /** Groups of 12 attackers, their failures interleaved, groups one after the other; one chunk per round. */
  private static List<List<String>> burst() {
    List<List<String>> chunks = new ArrayList<>();
    Instant t = Instant.now();
    for (int g = 0; g < ATTACKERS; g += 12) {
      for (int round = 0; round < 5; round++) {
        List<String> chunk = new ArrayList<>();
        for (int a = g; a < g + 12; a++) {
          if (round < linesOf(a)) {
            chunk.add(line(attacker(a), t, round));
          }
        }
        chunks.add(chunk);
      }
    }
    return chunks;
  }

  private static Set<String> targets(List<Ban> bans) {
    Set<String> out = new HashSet<>();
    for (Ban b : bans) {
      assertThat(b.target().length()).isEqualTo(b.target().network().bitLength());
      out.add(b.target().network().toString());
    }
    return out;
  }

  private WatchProcess start(Path log, Path state, String table) throws IOException, InterruptedException {
    WatchProcess w = WatchProcess.start(ns.name(), dir.resolve(table + ".stderr"),
        "--log", log.toString(), "--state", state.toString(), "--table", table, "--zone", "UTC");
    started.add(w);
    return w;
  }

  private static List<String> failures(String source, int n) {
    List<String> lines = new ArrayList<>();
    Instant t = Instant.now();
    for (int i = 0; i < n; i++) {
      lines.add(line(source, t, i));
    }
    return lines;
  }

  private static String line(String source, Instant t, int i) {
    return t.plusMillis(i) + " gw sshd[812]: Failed password for root from " + source + " port " + (40000 + i) + " ssh2";
  }

  /** Appends lines with one write, as a logger does. */
  private static void append(Path log, List<String> lines) throws IOException {
    Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
