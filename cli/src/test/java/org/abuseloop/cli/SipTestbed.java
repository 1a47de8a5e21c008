package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.abuseloop.logs.conformance.NetNamespace;
import org.abuseloop.logs.conformance.SystemTool;

/**
 * What the Kamailio end-to-end test runs in a {@link SipLab}: Kamailio, {@code abuseloop watch} and
 * SIPVicious, each with its output kept in one directory, so that a failure can print all of it. Close
 * stops them; the lab's namespaces kill anything left. Not thread-safe; one test thread.
 */
final class SipTestbed implements AutoCloseable {

  /** A bound on waiting for something that must happen, never a speed requirement. */
  static final long PATIENCE_MILLIS = 90_000;
  /** SIPVicious' wait for an answer before it sends again: keeps it below pike's flood limit. */
  private static final String PACE = "0.2";
  private static final Path JAR = Path.of("target", "abuseloop.jar").toAbsolutePath();
  private static final long STOP_SECONDS = 20;

  final SipLab lab;
  private final Path dir;
  private final Tools tools;
  private KamailioServer kamailio;
  private Process watch;
  /** Each process started, with the file its output goes to. */
  private final Map<Process, File> outputs = new LinkedHashMap<>();
  private String table;

  SipTestbed(SipLab lab, Path dir, Tools tools) {
    this.lab = lab;
    this.dir = dir;
    this.tools = tools;
  }

  /** Starts Kamailio on {@code config} with {@code defines} in the server and waits until it listens. */
  void startKamailio(Path config, List<String> defines) throws Exception {
    kamailio = KamailioServer.start(tools.kamailio(), lab.server, config, lab.serverAddress, dir.resolve("run"),
        dir.resolve("kamailio.log"), defines);
    await("Kamailio listening on " + lab.serverAddress + ":5060",
        () -> kamailio.isAlive() && lab.server.exec("ss", "-Hlun").contains(lab.serverAddress + ":5060"));
  }

  /** Starts {@code abuseloop watch} on Kamailio's log in the server and waits until its table exists. */
  void startWatch(String tableName) throws Exception {
    table = tableName;
    watch = lab.server.start(List.of(java(), "-jar", JAR.toString(), "watch", "--log", kamailio.log().toString(),
        "--service", "kamailio", "--firewall", "nftables", "--table", table,
        "--state", Files.createDirectories(dir.resolve("state")).toString()), dir.toFile(), output("watch"));
    outputs.put(watch, output("watch"));
    await("abuseloop watch to install table " + table, () -> {
      assertThat(watch.isAlive()).as("abuseloop watch is running").isTrue();
      return BanTable.exists(lab.server, table);
    });
  }

  /** svwar from {@code ns} over extensions 1000-1099, to its end; returns its output. */
  String enumerate(NetNamespace ns, String address) throws Exception {
    return finish(start(ns, "svwar", tools.svwar(), "-e", "1000-1099", "-t", PACE, "-x", address, lab.serverAddress));
  }

  /** Starts svcrack from {@code ns} against {@code user}, guessing {@code passwords} in order; {@code name} names its output. */
  Process startCracking(String name, NetNamespace ns, String address, String user, List<String> passwords)
      throws IOException {
    Path list = Files.write(dir.resolve(name + "-passwords.txt"), passwords, StandardCharsets.UTF_8);
    return start(ns, name, tools.svcrack(), "-u", user, "-d", list.toString(), "-t", PACE, "--maximumtime", "3",
        "-x", address, lab.serverAddress);
  }

  /** Waits (bounded) for {@code p} to end by itself and returns what it printed. */
  String finish(Process p) throws Exception {
    await("the end of " + p.info().commandLine().orElse("a tool"), () -> !p.isAlive());
    return output(p);
  }

  /** The ban table as it is now. */
  BanTable table() {
    return BanTable.read(lab.server, table);
  }

  /** Kamailio's log lines from {@code address} with {@code outcome} ({@code outcome=scanner} ...). */
  long logged(String address, String outcome) {
    String tail = outcome + " src=" + address + " ";
    return kamailio.lines().stream().filter(l -> l.contains(tail)).count();
  }

  /** What {@code abuseloop watch} printed so far. */
  String watchOutput() throws IOException {
    return output(watch);
  }

  /** Prints everything a failure needs: Kamailio's log, every tool's output and the nftables table. */
  void printAll() {
    StringBuilder out = new StringBuilder("KamailioSipviciousIT failed; lab: " + lab + "\n");
    try {
      out.append("---- kamailio log\n").append(kamailio == null ? "(not started)" : String.join("\n", kamailio.lines()));
      try (var files = Files.list(dir)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".out")).sorted().toList()) {
          out.append("\n---- ").append(p.getFileName()).append('\n').append(Files.readString(p, StandardCharsets.UTF_8));
        }
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

  /** Stops SIPVicious, abuseloop and Kamailio. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : outputs.keySet()) {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    if (kamailio != null) {
      kamailio.close();
    }
  }

  /** Waits until {@code condition} holds, failing after {@link #PATIENCE_MILLIS}. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private Process start(NetNamespace ns, String name, String... argv) throws IOException {
    Process p = ns.start(List.of(argv), dir.toFile(), output(name));
    outputs.put(p, output(name));
    return p;
  }

  /** What {@code p} printed so far. */
  String output(Process p) throws IOException {
    return Files.readString(outputs.get(p).toPath(), StandardCharsets.UTF_8);
  }

  private File output(String name) {
    return dir.resolve(name + ".out").toFile();
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The programs the test drives, each found through {@link SystemTool} (skipped loudly, failed under CI). */
  record Tools(String kamailio, String svwar, String svcrack) {

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
}
