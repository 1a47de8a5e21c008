package org.abuseloop.firewall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test creates ({@code abl-test-<random>-<role>}) and deletes on close, so
 * kernel tests never touch the host's own ruleset. Thread-safe: every command is its own process.
 */
final class NetNamespace implements AutoCloseable {

  private final String name;

  private NetNamespace(String name) {
    this.name = name;
  }

  static NetNamespace create(String role) {
    String name = "abl-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL) + "-" + role;
    run(List.of("ip", "netns", "add", name));
    NetNamespace ns = new NetNamespace(name);
    ns.exec("ip", "link", "set", "lo", "up");
    return ns;
  }

  String name() {
    return name;
  }

  /** The words that run a command inside this namespace. */
  List<String> prefix() {
    return List.of("ip", "netns", "exec", name);
  }

  /** Runs a command inside the namespace and returns its output; throws on a non-zero exit. */
  String exec(String... argv) {
    List<String> all = new ArrayList<>(prefix());
    all.addAll(List.of(argv));
    return run(all);
  }

  /** Starts a long-running command inside the namespace. */
  Process start(List<String> argv) throws IOException {
    List<String> all = new ArrayList<>(prefix());
    all.addAll(argv);
    return new ProcessBuilder(all).redirectErrorStream(true).start();
  }

  /** The packet count of a named counter of an nftables table in this namespace. */
  long counter(String table, String counter) {
    String out = exec("nft", "list", "counter", "inet", table, counter);
    int i = out.indexOf("packets ");
    return Long.parseLong(out.substring(i + 8, out.indexOf(' ', i + 8)));
  }

  @Override
  public void close() {
    run(List.of("ip", "netns", "del", name));
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
