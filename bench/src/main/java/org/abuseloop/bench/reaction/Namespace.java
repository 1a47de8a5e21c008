package org.abuseloop.bench.reaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The network namespace the benchmark creates under a unique name and deletes at the end (also from a
 * shutdown hook), so no tool touches the host's own ruleset. Thread-safe: every command is its own
 * process and deletion is idempotent.
 */
final class Namespace implements AutoCloseable {

  private final String name;

  private Namespace(String name) {
    this.name = name;
  }

  /** Creates namespace {@code name} with its loopback up; fails if it exists already. */
  static Namespace create(String name) {
    if (!name.matches("[A-Za-z0-9_.-]{1,40}")) {
      throw new IllegalArgumentException("bad namespace name: " + name);
    }
    run(List.of("ip", "netns", "add", name));
    Namespace ns = new Namespace(name);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Interrupted (Ctrl-C, SIGTERM): stop the tools this program started, then drop the namespace.
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      ns.close();
    }, "namespace-cleanup"));
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

  /** Runs a command inside the namespace; its output, or an exception on a non-zero exit. */
  String exec(String... argv) {
    List<String> all = new ArrayList<>(prefix());
    all.addAll(List.of(argv));
    return run(all);
  }

  /** Deletes a table of family inet if it exists. */
  void dropTable(String table) {
    exec("sh", "-c", "nft delete table inet " + table + " 2>/dev/null || true");
  }

  @Override
  public synchronized void close() {
    if (Files.exists(Path.of("/run/netns", name))) {
      run(List.of("ip", "netns", "del", name));
    }
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
