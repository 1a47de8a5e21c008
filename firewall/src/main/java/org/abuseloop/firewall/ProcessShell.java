package org.abuseloop.firewall;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes, each behind the settings' command prefix (e.g. {@code ip netns
 * exec NS}), with stdout and stderr merged. Thread-safe: every call starts its own process.
 */
final class ProcessShell implements Shell {

  private final List<String> prefix;
  private final Duration timeout;

  ProcessShell(FirewallSettings settings) {
    this.prefix = settings.commandPrefix();
    this.timeout = settings.commandTimeout();
  }

  @Override
  public String run(List<String> argv, String input) {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(argv);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new FirewallException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    // Read on a thread of its own, never a shared pool: the command may block until its output is read.
    CompletableFuture<String> output = new CompletableFuture<>();
    Thread reader = new Thread(() -> output.complete(readAll(p.getInputStream())), "abuseloop-command-output");
    reader.setDaemon(true);
    reader.start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command exited before reading everything; its exit code and output tell why.
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new FirewallException(String.join(" ", command) + " did not finish within " + timeout);
      }
      String text = output.join();
      if (p.exitValue() != 0) {
        throw new ChangeRejected(String.join(" ", command) + " exited " + p.exitValue() + ": " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new FirewallException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
