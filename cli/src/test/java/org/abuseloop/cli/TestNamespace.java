package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.abuseloop.logs.conformance.SystemTool;
import org.junit.jupiter.api.Assumptions;

/**
 * A network namespace a test creates ({@code abl-cli-<random>}) and deletes on close, so the
 * firewall commands under test never touch the host's ruleset. Needs root, {@code ip} and
 * {@code nft}: without them the test skips loudly, and fails under {@code CI=true}. Thread-safe:
 * every command is its own process.
 */
final class TestNamespace implements AutoCloseable {

  private final String name;
  private final String nft;

  private TestNamespace(String name, String nft) {
    this.name = name;
    this.nft = nft;
  }

  static TestNamespace create() {
    String ip = SystemTool.locate("ip", "iproute2");
    String nft = SystemTool.locate("nft", "nftables");
    requireRoot();
    String name = "abl-cli-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    run(List.of(ip, "netns", "add", name));
    TestNamespace ns = new TestNamespace(name, nft);
    ns.exec("ip", "link", "set", "lo", "up");
    return ns;
  }

  String name() {
    return name;
  }

  /** {@code nft ARGS...} inside the namespace; its output. */
  String nft(String... args) {
    List<String> argv = new ArrayList<>(List.of(nft));
    argv.addAll(List.of(args));
    return exec(argv.toArray(String[]::new));
  }

  /** The whole ruleset of the namespace, as {@code nft list ruleset} prints it. */
  String ruleset() {
    return nft("list", "ruleset");
  }

  String exec(String... argv) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(List.of(argv));
    return run(all);
  }

  @Override
  public void close() {
    run(List.of("ip", "netns", "del", name));
  }

  private static void requireRoot() {
    boolean root;
    try {
      root = Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
    } catch (IOException e) {
      root = false;
    }
    String message = "firewall command tests create network namespaces and need root";
    if ("true".equals(System.getenv("CI")) || Boolean.getBoolean("abuseloop.requireTools")) {
      assertThat(root).as(message).isTrue();
    }
    if (!root) {
      System.err.println("SKIPPED: " + message);
    }
    Assumptions.assumeTrue(root, message);
  }

  static String run(List<String> argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + argv + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + argv, e);
    }
  }
}
