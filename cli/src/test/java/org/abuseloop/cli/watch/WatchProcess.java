package org.abuseloop.cli.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real {@code abuseloop watch} command as a child JVM inside a network namespace (same classpath
 * as the test), with its stdout lines collected and its stderr in a file. Thread-safe: a reader
 * thread collects the lines; the test waits on them.
 */
final class WatchProcess implements AutoCloseable {

  private final Process process;
  private final Path stderr;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private WatchProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread t = new Thread(this::collect, "watch-stdout");
    t.setDaemon(true);
    t.start();
  }

  /** Starts {@code abuseloop watch ARGS} in namespace {@code ns}, stderr to {@code stderr}, and waits for "watching". */
  static WatchProcess start(String ns, Path stderr, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns,
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        "org.abuseloop.cli.Main", "watch"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
    p.getOutputStream().close();
    WatchProcess w = new WatchProcess(p, stderr);
    w.await(l -> l.startsWith("watching "), Duration.ofSeconds(60));
    return w;
  }

  /** Waits until a line matches; fails with what was printed if none does in time or the process died. */
  String await(Predicate<String> wanted, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (String l : lines) {
        if (wanted.test(l)) {
          return l;
        }
      }
      if (!process.isAlive() && lines.stream().noneMatch(wanted)) {
        throw new AssertionError("watch exited with " + process.exitValue() + " after printing " + lines + "; stderr: " + stderr());
      }
      Thread.sleep(5);
    }
    throw new AssertionError("watch did not print the line awaited within " + within + "; it printed " + lines + "; stderr: " + stderr());
  }

  /** Waits until {@code n} lines match. */
  List<String> awaitCount(Predicate<String> wanted, int n, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<String> found = List.of();
    while (System.nanoTime() < deadline) {
      found = lines.stream().filter(wanted).toList();
      if (found.size() >= n) {
        return found;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("watch printed " + found.size() + " of " + n + " lines awaited: " + lines + "; stderr: " + stderr());
  }

  /** What the process wrote on stderr so far. */
  String stderr() {
    try {
      return java.nio.file.Files.readString(stderr);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /** SIGKILL: no shutdown hook, no last checkpoint. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait: the shutdown hook decides what was read and saves the checkpoints. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private void collect() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        lines.add(l);
      }
    } catch (IOException e) {
      // The process ended.
    }
  }
}
