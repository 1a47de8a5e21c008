package org.abuseloop.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test creates ({@code abl-it-<random>-<role>}) and deletes on close, after
 * killing every process still inside it, so an end-to-end test never touches the host's own network.
 * Thread-safe: every command is its own process and the object holds only the name.
 */
final class NetworkNamespace implements AutoCloseable {

  private static final long COMMAND_SECONDS = 60;
  private final String name;

  private NetworkNamespace(String name) {
    this.name = name;
  }

  /** Creates a namespace for {@code role} with its loopback up. */
  static NetworkNamespace create(String role) {
    String name = "abl-it-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL) + "-" + role;
    run(List.of("ip", "netns", "add", name));
    NetworkNamespace ns = new NetworkNamespace(name);
    try {
      ns.exec("ip", "link", "set", "lo", "up");
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  String name() {
    return name;
  }

  /** Runs a command inside the namespace and returns its output; throws on a non-zero exit. */
  String exec(String... argv) {
    return run(inside(List.of(argv)));
  }

  /** Starts a long-running command inside the namespace, its output (both streams) going to {@code log}. */
  Process start(List<String> argv, File directory, File log) throws IOException {
    return new ProcessBuilder(inside(argv)).directory(directory).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
  }

  /** Starts a long-running command inside the namespace whose output the caller reads. */
  Process startPiped(List<String> argv, File directory) throws IOException {
    return new ProcessBuilder(inside(argv)).directory(directory).redirectErrorStream(true).start();
  }

  /** The argument list that runs {@code argv} inside this namespace. */
  List<String> inside(List<String> argv) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(argv);
    return all;
  }

  /** The ids of the processes still running inside the namespace. */
  List<Long> pids() {
    List<Long> out = new ArrayList<>();
    for (String line : run(List.of("ip", "netns", "pids", name)).split("\n")) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.trim()));
      }
    }
    return out;
  }

  /** Kills whatever this test started in the namespace and still runs, then deletes the namespace. */
  @Override
  public void close() {
    try {
      for (long pid : pids()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      for (long pid : pids()) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(COMMAND_SECONDS, TimeUnit.SECONDS).join());
      }
    } finally {
      run(List.of("ip", "netns", "del", name));
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** Runs {@code argv} to its end and returns its output; throws on a non-zero exit or a hang. */
  static String run(List<String> argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", argv) + " did not finish in " + COMMAND_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", argv) + " failed (" + p.exitValue() + "): " + out);
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
