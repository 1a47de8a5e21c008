package org.abuseloop.bench.reaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * fail2ban on the same log: {@code fail2ban-server -f} in the namespace with a configuration directory
 * of its own (the installed filters and actions, a jail {@code sshd} with the stock sshd filter,
 * maxretry 5 and findtime 10m as abuseloop's {@code sshd-bf}, banaction {@code nftables-allports}),
 * reading the log through the given backend. Used by one benchmark thread.
 */
final class Fail2ban implements Contender {

  /** The table fail2ban's nftables actions use. */
  static final String TABLE = "f2b-table";

  private static final Path INSTALLED = Path.of("/etc/fail2ban");

  private final List<String> commandPrefix;
  private final String backend;
  private Path dir;
  private ToolProcess process;

  /** {@code backend}: {@code pyinotify} or {@code polling}. */
  Fail2ban(List<String> commandPrefix, String backend) {
    this.commandPrefix = List.copyOf(commandPrefix);
    this.backend = backend;
  }

  @Override
  public String name() {
    return "fail2ban " + version() + " (" + backend + ")";
  }

  String backend() {
    return backend;
  }

  @Override
  public String table() {
    return TABLE;
  }

  @Override
  public void start(Path log, Path work) throws Exception {
    dir = Files.createDirectories(work.resolve("fail2ban"));
    for (String part : List.of("filter.d", "action.d", "paths-common.conf", "paths-debian.conf")) {
      copy(INSTALLED.resolve(part), dir.resolve(part));
    }
    Files.writeString(dir.resolve("fail2ban.conf"), """
        [Definition]
        loglevel = INFO
        logtarget = %1$s/fail2ban.log
        socket = %1$s/fail2ban.sock
        pidfile = %1$s/fail2ban.pid
        dbfile = %1$s/fail2ban.sqlite3
        dbpurgeage = 1d
        """.formatted(dir));
    Files.writeString(dir.resolve("jail.conf"), """
        [INCLUDES]
        before = paths-debian.conf

        [DEFAULT]
        ignoreself = true
        ignoreip = 127.0.0.1/8 ::1
        bantime = 10m
        findtime = 10m
        maxretry = 5
        usedns = no
        logencoding = auto
        enabled = false

        [sshd]
        enabled = true
        filter = sshd[mode=normal]
        backend = %s
        logpath = %s
        port = ssh
        action = nftables-allports[name=sshd, protocol="tcp"]
        """.formatted(backend, log));
    List<String> argv = new ArrayList<>(commandPrefix);
    argv.addAll(List.of("fail2ban-server", "-f", "-x", "-c", dir.toString()));
    process = ToolProcess.start(argv, work, null, null);
    awaitJail();
  }

  @Override
  public String tail() {
    String own = process == null ? "" : process.tail();
    try {
      Path f = dir == null ? null : dir.resolve("fail2ban.log");
      if (f != null && Files.exists(f)) {
        List<String> lines = Files.readAllLines(f);
        own += "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      }
    } catch (IOException e) {
      own += "\n(cannot read fail2ban.log: " + e.getMessage() + ")";
    }
    return own;
  }

  @Override
  public void close() {
    if (process != null) {
      // SIGTERM makes fail2ban unban and stop its actions, one nft process per ban: give it a moment only.
      process.close(5_000);
    }
  }

  /** Waits until {@code fail2ban-client status sshd} answers, i.e. the jail is up. */
  private void awaitJail() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Process p = new ProcessBuilder("fail2ban-client", "-c", dir.toString(), "status", "sshd")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() == 0) {
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("fail2ban did not start its sshd jail: " + tail());
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (Stream<Path> all = Files.walk(from)) {
      all.forEach(p -> {
        try {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The installed fail2ban's version, e.g. {@code 1.0.2}. */
  static String version() {
    try {
      Process p = new ProcessBuilder("fail2ban-server", "-V").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      String first = out.lines().findFirst().orElse("?");
      return first.startsWith("Fail2Ban v") ? first.substring("Fail2Ban v".length()) : first;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
