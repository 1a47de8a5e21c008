package org.abuseloop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.abuseloop.logs.conformance.NetNamespace;

/**
 * Kamailio running in the foreground ({@code -DD -E}) inside a namespace, with its stderr written to
 * a log file the way rsyslog's default file format writes it ({@code 2026-11-22T20:05:50.123456+00:00
 * sip kamailio[4874]: WARNING: <script>: ...}). Kamailio's own stderr lines carry no time, so some
 * logger must stamp them; here the test does what syslog or journald does in production, one write
 * per line as each line arrives. Thread-safe: the copying runs on its own thread, the rest is set once.
 */
final class KamailioServer implements AutoCloseable {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
  private static final long STOP_SECONDS = 20;
  private final Process process;
  private final Thread copier;
  private final Path log;

  private KamailioServer(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.copier = new Thread(this::copy, "kamailio-log");
    this.copier.setDaemon(true);
    this.copier.start();
  }

  /**
   * Starts {@code kamailio} on {@code config} in {@code ns}, listening on UDP {@code address}:5060,
   * with the extra preprocessor {@code defines}; {@code runDir} holds its runtime files.
   */
  static KamailioServer start(String kamailio, NetNamespace ns, Path config, String address, Path runDir,
      Path log, List<String> defines) throws IOException {
    Files.createDirectories(runDir);
    List<String> argv = new java.util.ArrayList<>(List.of(kamailio, "-DD", "-E", "-f", config.toString(),
        "-l", "udp:" + address + ":5060", "-Y", runDir.toString(), "-m", "32", "-M", "8"));
    for (String d : defines) {
      argv.add("-A");
      argv.add(d);
    }
    Files.writeString(log, "", StandardCharsets.UTF_8);
    return new KamailioServer(ns.start(argv, config.getParent().toFile()), log);
  }

  /** The log file abuseloop follows. */
  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The lines of the log so far. */
  List<String> lines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops Kamailio (its main process stops its children); the namespace's close kills any leftover. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    }
    copier.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
  }

  private void copy() {
    String pid = String.valueOf(process.pid());
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write(stamped(line, pid).getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // Kamailio stopped, or the test ended and removed the file.
    }
  }

  /** {@code " 2(4874) WARNING: msg"} as syslog would file it: time, host, {@code kamailio[4874]: WARNING: msg}. */
  static String stamped(String line, String mainPid) {
    String pid = mainPid;
    String message = line;
    String rest = line.stripLeading();
    int open = rest.indexOf('(');
    int close = rest.indexOf(") ");
    if (open > 0 && close > open + 1 && digits(rest, 0, open) && digits(rest, open + 1, close)) {
      pid = rest.substring(open + 1, close);
      message = rest.substring(close + 2);
    }
    return OffsetDateTime.now(ZoneOffset.UTC).format(STAMP) + " sip kamailio[" + pid + "]: " + message + "\n";
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
