package org.abuseloop.firewall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived {@code nft -i} child fed on its standard input, so a transaction costs a fraction of
 * a millisecond instead of a process start. Thread-safe: scripts run one at a time.
 *
 * <p>What nft 1.0.6 (Debian 12) does in interactive mode with a pipe for stdin, as observed: it
 * prints no prompt and no banner; it reads one line at a time and runs each line as one transaction
 * (commands on a line are separated by {@code ;}, and an error in any of them rolls the whole line
 * back); on success an {@code add element} prints nothing; an error prints {@code Error: ...}
 * followed by the offending line and a caret line, on stderr; output is flushed after each line. So
 * after every script this session sends a marker, {@code describe meta length}, which nft answers
 * without touching the kernel with the single line {@code meta expression, datatype integer ...}:
 * everything printed before that line belongs to the script, and it failed if that holds
 * {@code Error:}. nft reads its interactive input through libedit a byte at a time (about 0.9 us per
 * byte), so a long script is written to a private file and run as {@code include "file"}, which
 * nft reads with buffered I/O and still applies as one transaction; an error there prints
 * {@code In file included from ...} and {@code file:line:col: Error: ...}.
 *
 * <p>A watchdog kills an nft that takes longer than the command timeout over one script. It looks
 * at the running script's start a few times a second rather than being scheduled per script: a
 * timer armed and cancelled per script woke its thread on every ban, right when nft needs the CPU.
 */
final class InteractiveNft implements NftSession {

  static final String MARKER_COMMAND = "describe meta length";
  static final String MARKER_REPLY = "meta expression";
  /** Scripts up to this many characters go inline; longer ones through an include file. */
  static final int INLINE_LIMIT = 256;

  private final List<String> command;
  private final Duration timeout;
  private final Path scratch;
  private final Path batchFile;
  private final ScheduledExecutorService watchdog;
  /** {@link System#nanoTime()} when the running script was sent, and whether one runs; read by the watchdog. */
  private volatile long sentAt;
  private volatile boolean busy;
  private volatile Process process;
  private Writer in;
  private BufferedReader out;

  InteractiveNft(FirewallSettings settings) {
    this.command = settings.command("nft", "-i");
    this.timeout = settings.commandTimeout();
    this.scratch = privateDirectory();
    this.batchFile = scratch.resolve("batch.nft");
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "abuseloop-nft-watchdog");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(10, Math.min(250, timeout.toMillis() / 4));
    watchdog.scheduleWithFixedDelay(this::checkTimeout, every, every, TimeUnit.MILLISECONDS);
    start();
  }

  @Override
  public synchronized String run(String script) {
    if (process == null || !process.isAlive()) {
      start();
    }
    NftScriptEvent event = new NftScriptEvent();
    event.begin();
    sentAt = System.nanoTime();
    busy = true;
    try {
      String line = line(script);
      in.write(line);
      in.write('\n');
      in.write(MARKER_COMMAND);
      in.write('\n');
      in.flush();
      String reply = reply();
      if (event.shouldCommit()) {
        event.characters = script.length();
        event.included = line.startsWith("include ");
        event.commit();
      }
      return reply;
    } catch (IOException e) {
      stop();
      throw new FirewallException("nft -i stopped: " + e.getMessage(), e);
    } finally {
      busy = false;
    }
  }

  /** Kills nft when the running script has taken longer than the timeout (its pipe then ends the script). */
  private void checkTimeout() {
    Process running = process;
    if (busy && running != null && System.nanoTime() - sentAt > timeout.toNanos()) {
      running.destroyForcibly();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    watchdog.shutdownNow();
    try {
      Files.deleteIfExists(batchFile);
      Files.deleteIfExists(scratch);
    } catch (IOException e) {
      // A leftover empty private directory in tmpfs is harmless.
    }
  }

  private String line(String script) throws IOException {
    String text = script.strip();
    if (text.length() <= INLINE_LIMIT) {
      return text.replace("\n", "; ");
    }
    Files.writeString(batchFile, text + "\n", StandardCharsets.UTF_8);
    return "include \"" + batchFile + "\"";
  }

  private String reply() throws IOException {
    StringBuilder printed = new StringBuilder();
    boolean error = false;
    for (String l = out.readLine(); ; l = out.readLine()) {
      if (l == null) {
        stop();
        throw new FirewallException("nft -i exited" + (printed.length() > 0 ? ": " + printed : ""));
      }
      if (l.startsWith(MARKER_REPLY)) {
        break;
      }
      error |= l.startsWith("Error:") || l.contains(": Error:");
      printed.append(l).append('\n');
    }
    if (error) {
      throw new ChangeRejected(printed.toString().strip());
    }
    return printed.toString();
  }

  private void start() {
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new FirewallException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  private void stop() {
    if (process == null) {
      return;
    }
    try {
      in.close();
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** A directory only root can read, in tmpfs when there is one, for include files. */
  private static Path privateDirectory() {
    Path shm = Paths.get("/dev/shm");
    Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
    try {
      return Files.createTempDirectory(base, "abuseloop-nft-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new FirewallException("cannot create a private directory in " + base + ": " + e.getMessage(), e);
    }
  }
}
