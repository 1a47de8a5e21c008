package org.abuseloop.cli.watch;

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
 * A network namespace the test creates ({@code abl-watch-<random>}) and deletes on close, so that
 * {@code watch} changes only its own nftables ruleset. Thread-safe: each command is its own process.
 */
final class Namespace implements AutoCloseable {

  private final String name;

  private Namespace(String name) {
    this.name = name;
  }

  /**
   * Creates one; needs root, {@code ip} and {@code nft}: without them the test is skipped loudly, and
   * under {@code CI=true} it fails.
   */
  static Namespace create() {
    SystemTool.locate("ip", "iproute2");
    SystemTool.locate("nft", "nftables");
    String message = "watch's kernel tests need root (they create network namespaces)";
    if ("true".equals(System.getenv("CI"))) {
      assertThat(isRoot()).as(message).isTrue();
    } else {
      if (!isRoot()) {
        System.err.println("SKIPPED: " + message);
      }
      Assumptions.assumeTrue(isRoot(), message);
    }
    String name = "abl-watch-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    run(List.of("ip", "netns", "add", name));
    Namespace ns = new Namespace(name);
    ns.exec("ip", "link", "set", "lo", "up");
    return ns;
  }

  String name() {
    return name;
  }

  /** Runs a command in the namespace; its output, or an exception on a non-zero exit. */
  String exec(String... argv) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(List.of(argv));
    return run(all);
  }

  /** The elements of an nftables set of table {@code table} as listed (address, timeout, expires). */
  String set(String table, String set) {
    return exec("nft", "list", "set", "inet", table, set);
  }

  @Override
  public void close() {
    run(List.of("ip", "netns", "del", name));
  }

  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static String run(List<String> argv) {
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
