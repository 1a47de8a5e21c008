package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abuseloop.logs.conformance.SystemTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop against real software: Kamailio with the shipped example config ({@code
 * examples/kamailio}) in one network namespace, SIPVicious in another, and {@code abuseloop watch}
 * following Kamailio's log next to it and banning in that namespace's nftables. A control client
 * first shows that svcrack finds the test account's password when it gets to guess it; then the
 * attacker runs svwar and svcrack with that password far down its list, and abuseloop must ban it
 * before it gets there: the address lands in the ban set, its next packets are counted by the drop
 * rule, Kamailio hears nothing more from it, svcrack gives up without the password, and the host's own
 * ruleset and links are as they were. Needs root, nft, ip, kamailio and sipvicious (skipped, loudly,
 * without them; failed under CI). Not thread-safe; one test.
 */
class KamailioSipviciousIT {

  private static final Path EXAMPLES = Path.of("..", "examples", "kamailio").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target", "abuseloop.jar").toAbsolutePath();
  /** The account the attack is after, one of the example config's. */
  private static final String USER = "1001";
  /** Wrong guesses before the right one: at svcrack's pace here, a minute and more of guessing. */
  private static final int WRONG_GUESSES = 200;
  /** svcrack's and svwar's wait for an answer before sending again: keeps them below pike's flood limit. */
  private static final String PACE = "0.2";
  /** A bound on waiting for something that must happen, never a speed requirement. */
  private static final long PATIENCE_MILLIS = 90_000;

  @Test
  void abuseloopBansSipviciousBeforeItFindsThePassword(@TempDir Path dir) throws Exception {
    Tools tools = Tools.locate();
    String password = configuredPassword(USER);
    String before = rootState();
    List<String> names = new ArrayList<>();
    Evidence evidence = new Evidence(dir);
    try (SipLab lab = SipLab.open()) {
      names.addAll(List.of(lab.server.name(), lab.attacker.name(), lab.control.name()));
      evidence.lab = lab;
      try {
        attack(lab, tools, password, dir, evidence);
      } catch (Throwable t) {
        evidence.print();
        throw t;
      } finally {
        evidence.stop();
      }
    }
    assertThat(rootState()).as("the host's own ruleset and links").isEqualTo(before);
    assertThat(NetworkNamespace.run(List.of("ip", "netns", "list"))).as("namespaces left behind")
        .doesNotContain(names);
  }

  private void attack(SipLab lab, Tools tools, String password, Path dir, Evidence evidence) throws Exception {
    evidence.kamailio = KamailioServer.start(tools.kamailio, lab.server, EXAMPLES.resolve("kamailio.cfg"),
        lab.serverAddress, dir.resolve("run"), dir.resolve("kamailio.log"), List.of("WITH_SCANNER_REPLIES"));
    await("Kamailio listening on " + lab.serverAddress + ":5060", () -> evidence.kamailio.isAlive()
        && lab.server.exec("ss", "-Hlun").contains(lab.serverAddress + ":5060"));

    // The control: svcrack cracks the account when the password comes third on its list.
    Path controlList = write(dir.resolve("control-passwords.txt"), List.of("guess-a", "guess-b", password));
    String control = run(lab.control, evidence.file("svcrack-control"), tools.svcrack, "-u", USER, "-d",
        controlList.toString(), "-t", PACE, "-x", lab.controlAddress, lab.serverAddress);
    assertThat(control).as("svcrack's control run (it must find the password when it gets to it)").contains(password);

    String table = "ablit" + Long.toHexString(0x1000000L + ThreadLocalRandom.current().nextInt(0xF000000)); // watch takes 1 to 12 characters
    evidence.table = table;
    evidence.watch = lab.server.start(List.of(java(), "-jar", JAR.toString(), "watch", "--log",
        evidence.kamailio.log().toString(), "--service", "kamailio", "--firewall", "nftables", "--table", table,
        "--state", Files.createDirectories(dir.resolve("state")).toString()), dir.toFile(), evidence.file("watch"));
    await("abuseloop watch to install table " + table, () -> {
      assertThat(evidence.watch.isAlive()).as("abuseloop watch is running").isTrue();
      return BanTable.exists(lab.server, table);
    });

    // The attack: enumeration, then password guessing with the password far down the list.
    run(lab.attacker, evidence.file("svwar"), tools.svwar, "-e", "1000-1099", "-t", PACE, "-x",
        lab.attackerAddress, lab.serverAddress);
    List<String> guesses = new ArrayList<>();
    for (int i = 1; i <= WRONG_GUESSES; i++) {
      guesses.add(String.format("guess-%03d", i));
    }
    guesses.add(password);
    Path attackList = write(dir.resolve("passwords.txt"), guesses);
    evidence.svcrack = lab.attacker.start(List.of(tools.svcrack, "-u", USER, "-d", attackList.toString(), "-t", PACE,
        "--maximumtime", "3", "-x", lab.attackerAddress, lab.serverAddress), dir.toFile(), evidence.file("svcrack"));

    await("abuseloop to ban " + lab.attackerAddress, () -> BanTable.read(lab.server, table).banned().contains(lab.attackerAddress));
    BanTable atBan = BanTable.read(lab.server, table);
    assertThat(atBan.dropRules()).as("rules dropping sources in " + BanTable.BAN_SET).isPositive();
    await("the drop rule to count svcrack's next packets", () -> BanTable.read(lab.server, table).dropped() >= atBan.dropped() + 3);
    long heardAfterBan = requestsFrom(evidence.kamailio, lab.attackerAddress);

    await("svcrack to give up", () -> !evidence.svcrack.isAlive());
    String cracking = evidence.read("svcrack");
    BanTable end = BanTable.read(lab.server, table);
    long guessed = linesFrom(evidence.kamailio, lab.attackerAddress, "outcome=auth-failed");
    System.out.printf("KamailioSipviciousIT: %s banned after %d wrong passwords (of %d before the right one); "
        + "%d requests reached Kamailio; %d packets dropped%n", lab.attackerAddress, guessed, WRONG_GUESSES,
        heardAfterBan, end.dropped());
    System.out.println("---- abuseloop watch output\n" + evidence.read("watch"));
    assertThat(cracking).as("svcrack's output").doesNotContain(password);
    assertThat(guessed).as("wrong passwords Kamailio refused").isLessThan(WRONG_GUESSES);
    assertThat(requestsFrom(evidence.kamailio, lab.attackerAddress)).as("requests Kamailio heard from the attacker "
        + "after the ban").isEqualTo(heardAfterBan);
    assertThat(end.dropped()).as("packets dropped").isGreaterThan(atBan.dropped());
    assertThat(end.banned()).contains(lab.attackerAddress).doesNotContain(lab.serverAddress);
  }

  /** Requests Kamailio logged from {@code address}: every request from a scanner gets a scanner line. */
  private static long requestsFrom(KamailioServer kamailio, String address) {
    return linesFrom(kamailio, address, "outcome=scanner");
  }

  private static long linesFrom(KamailioServer kamailio, String address, String outcome) {
    String source = " src=" + address + " ";
    return kamailio.lines().stream().filter(l -> l.contains(outcome + source)).count();
  }

  /** The password of {@code user} in the example config's users table. */
  private static String configuredPassword(String user) throws IOException {
    String cfg = Files.readString(EXAMPLES.resolve("kamailio.cfg"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\\$sht\\(users=>" + user + "\\) = \"([^\"]+)\"").matcher(cfg);
    assertThat(m.find()).as("user " + user + " in kamailio.cfg").isTrue();
    return m.group(1);
  }

  /** The host's own nftables ruleset and links, which the test must leave as they were. */
  private static String rootState() {
    return NetworkNamespace.run(List.of("nft", "list", "ruleset")) + NetworkNamespace.run(List.of("ip", "-o", "link"));
  }

  private static Path write(Path file, List<String> lines) throws IOException {
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Runs a tool in {@code ns} to its end (bounded) and returns its output. */
  private static String run(NetworkNamespace ns, File log, String... argv) throws Exception {
    Process p = ns.start(List.of(argv), log.getParentFile(), log);
    if (!p.waitFor(PATIENCE_MILLIS, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(argv[0] + " did not finish in " + PATIENCE_MILLIS + " ms");
    }
    return Files.readString(log.toPath(), StandardCharsets.UTF_8);
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Waits until {@code condition} holds, failing after {@link #PATIENCE_MILLIS}. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** The programs the test drives, each found through {@link SystemTool} (skip loudly, fail under CI). */
  private record Tools(String kamailio, String svwar, String svcrack) {
    static Tools locate() {
      SystemTool.locate("ip", "iproute2");
      SystemTool.locate("ss", "iproute2");
      SystemTool.locate("nft", "nftables");
      Tools t = new Tools(SystemTool.locate("kamailio", "kamailio"), SystemTool.locate("svwar", "sipvicious"),
          SystemTool.locate("svcrack", "sipvicious"));
      SystemTool.requireRoot("create network namespaces and nftables tables");
      assertThat(JAR).as("the packaged command (mvn package builds it before the integration tests)").exists();
      return t;
    }
  }

  /**
   * What the test started and what it wrote, so a failure prints everything needed to tell why:
   * Kamailio's log, abuseloop's output, SIPVicious' output and the nftables table. Not thread-safe.
   */
  private static final class Evidence {
    private final Path dir;
    SipLab lab;
    KamailioServer kamailio;
    Process watch;
    Process svcrack;
    String table;

    Evidence(Path dir) {
      this.dir = dir;
    }

    File file(String name) {
      return dir.resolve(name + ".out").toFile();
    }

    String read(String name) throws IOException {
      Path p = dir.resolve(name + ".out");
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "(none)";
    }

    /** Stops abuseloop, SIPVicious and Kamailio; the namespaces' close kills anything left. */
    void stop() throws InterruptedException {
      for (Process p : new Process[] {svcrack, watch}) {
        if (p != null && p.isAlive()) {
          p.destroy();
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        }
      }
      if (kamailio != null) {
        kamailio.close();
      }
    }

    void print() {
      StringBuilder out = new StringBuilder("KamailioSipviciousIT failed; lab: " + lab + "\n");
      try {
        out.append("---- kamailio log\n").append(kamailio == null ? "(not started)" : String.join("\n", kamailio.lines()));
        for (String name : List.of("watch", "svcrack-control", "svwar", "svcrack")) {
          out.append("\n---- ").append(name).append(" output\n").append(read(name));
        }
        if (table != null) {
          out.append("\n---- nft list table inet ").append(table).append('\n')
              .append(lab.server.exec("nft", "list", "table", "inet", table));
        }
      } catch (IOException | RuntimeException e) {
        out.append("\n(could not collect everything: ").append(e).append(')');
      }
      System.out.println(out);
    }
  }
}
