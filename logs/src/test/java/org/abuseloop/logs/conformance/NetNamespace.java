package org.abuseloop.logs.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a kernel test creates ({@code abl-<role>-<random>}, loopback up) and deletes on close,
 * after killing every process still inside it, so the test never touches the host's own network or ruleset.
 * Thread-safe: every command is its own process and the object holds only the name.
 */
public final class NetNamespace implements AutoCloseable {

  private static final long COMMAND_SECONDS = 60;
  private final String name;

  private NetNamespace(String name) {
    this.name = name;
  }

  /** Creates a namespace for {@code role} with its loopback up; the caller has checked root and tools. */
  public static NetNamespace create(String role) {
    String name = "abl-" + role + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    run(List.of("ip", "netns", "add", name));
    NetNamespace ns = new NetNamespace(name);
    try {
      ns.exec("ip", "link", "set", "lo", "up");
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  /**
   * Creates one after requiring root, {@code ip} and {@code nft}: without them the test is skipped loudly,
   * and fails under CI, as {@link SystemTool} does.
   */
  public static NetNamespace createForNftables(String role) {
    SystemTool.locate("ip", "iproute2");
    SystemTool.locate("nft", "nftables");
    SystemTool.requireRoot("create network namespaces");
    return create(role);
  }

  public String name() {
    return name;
  }

  /** The words that run a command inside this namespace. */
  public List<String> prefix() {
    return List.of("ip", "netns", "exec", name);
  }

  /** The argument list that runs {@code argv} inside this namespace. */
  public List<String> inside(List<String> argv) {
    List<String> all = new ArrayList<>(prefix());
    all.addAll(argv);
    return all;
  }

  /** Runs a command inside the namespace and returns its output; throws on a non-zero exit. */
  public String exec(String... argv) {
    return run(inside(List.of(argv)));
  }

  /** {@code nft ARGS...} inside the namespace (the nft that {@link SystemTool} locates); its output. */
  public String nft(String... args) {
    List<String> argv = new ArrayList<>(List.of(SystemTool.locate("nft", "nftables")));
    argv.addAll(List.of(args));
    return exec(argv.toArray(String[]::new));
  }

  /** The whole ruleset of the namespace, as {@code nft list ruleset} prints it. */
  public String ruleset() {
    return nft("list", "ruleset");
  }

  /** The elements of an nftables set of inet table {@code table} as listed (address, timeout, expires). */
  public String set(String table, String set) {
    return exec("nft", "list", "set", "inet", table, set);
  }

  /** The packet count of a named counter of an nftables inet table in this namespace. */
  public long counter(String table, String counter) {
    String out = exec("nft", "list", "counter", "inet", table, counter);
    int i = out.indexOf("packets ");
    return Long.parseLong(out.substring(i + 8, out.indexOf(' ', i + 8)));
  }

  /** Starts a long-running command inside the namespace whose output (both streams) the caller reads. */
  public Process start(List<String> argv) throws IOException {
    return start(argv, null);
  }

  /** Like {@link #start(List)}, in the working directory {@code directory}. */
  public Process start(List<String> argv, File directory) throws IOException {
    return new ProcessBuilder(inside(argv)).directory(directory).redirectErrorStream(true).start();
  }

  /** Starts a long-running command inside the namespace, its output (both streams) going to {@code log}. */
  public Process start(List<String> argv, File directory, File log) throws IOException {
    return new ProcessBuilder(inside(argv)).directory(directory).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
  }

  /** The ids of the processes still running inside the namespace. */
  public List<Long> pids() {
    List<Long> out = new ArrayList<>();
    for (String line : run(List.of("ip", "netns", "pids", name)).split("\n")) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.trim()));
      }
    }
    return out;
  }

  /** Kills whatever the test started in the namespace and still runs, then deletes the namespace. */
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

  /** Runs {@code argv} (on the host) to its end and returns its output; throws on a non-zero exit or a hang. */
  public static String run(List<String> argv) {
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
