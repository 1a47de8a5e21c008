package org.abuseloop.bench.reaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child process of the benchmark whose output (stdout and stderr together) is drained by a thread,
 * which keeps the last lines, counts the lines starting with a given word and signals when a ready
 * line appears. Thread-safe.
 */
final class ToolProcess implements AutoCloseable {

  private static final int KEEP = 40;

  private final Process process;
  private final String readyPrefix;
  private final String countPrefix;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicLong counted = new AtomicLong();
  private final Deque<String> last = new ArrayDeque<>();
  private final Thread pump;

  private final Path transcript;

  private ToolProcess(Process process, Path transcript, String readyPrefix, String countPrefix) {
    this.process = process;
    this.transcript = transcript;
    this.readyPrefix = readyPrefix;
    this.countPrefix = countPrefix;
    this.pump = new Thread(this::drain, "tool-output");
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts {@code argv} in {@code dir}, its whole output copied to {@code dir/output.txt}; ready when a
   * line starts with {@code readyPrefix} (null: never).
   */
  static ToolProcess start(List<String> argv, Path dir, String readyPrefix, String countPrefix) throws IOException {
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    return new ToolProcess(p, dir.resolve("output.txt"), readyPrefix, countPrefix);
  }

  /** Waits for the ready line; false when the time ran out or the process ended first. */
  boolean awaitReady(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      if (ready.await(50, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!process.isAlive()) {
        return ready.getCount() == 0;
      }
    }
    return false;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Lines seen so far that start with the count prefix (e.g. the tool's {@code ban} lines). */
  long counted() {
    return counted.get();
  }

  synchronized String tail() {
    return String.join("\n", last);
  }

  /** Stops the process and its descendants: SIGTERM, then SIGKILL after {@code graceMillis}. */
  @Override
  public void close() {
    close(3000);
  }

  void close(long graceMillis) {
    List<ProcessHandle> all = process.descendants().toList();
    process.destroy();
    all.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle h : all) {
        try {
          h.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
          h.destroyForcibly();
        }
      }
      pump.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        java.io.Writer copy = java.nio.file.Files.newBufferedWriter(transcript, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        copy.write(line);
        copy.write('\n');
        if (readyPrefix != null && line.startsWith(readyPrefix)) {
          ready.countDown();
        }
        if (countPrefix != null && line.startsWith(countPrefix)) {
          counted.incrementAndGet();
        } else {
          keep(line);
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  private synchronized void keep(String line) {
    if (last.size() == KEEP) {
      last.removeFirst();
    }
    last.addLast(line);
  }
}
