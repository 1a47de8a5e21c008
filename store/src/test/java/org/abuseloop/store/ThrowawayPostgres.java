package org.abuseloop.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the machine's own installation, initialised into a temporary directory,
 * listening on a free loopback port only, and stopped and deleted on close. Not thread-safe: one
 * test class starts it, uses it and closes it.
 *
 * <p>Needs the Debian packages {@code postgresql} (server binaries under /usr/lib/postgresql/N/bin)
 * or {@code initdb} and {@code pg_ctl} on the PATH. As root it runs the server as the {@code postgres}
 * user through {@code runuser}, since PostgreSQL refuses to run as root.
 */
final class ThrowawayPostgres implements AutoCloseable {

  static final String USER = "abuseloop";
  private static final String SERVICE_USER = "postgres";
  private static final long STEP_TIMEOUT_SECONDS = 120;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asServiceUser;

  private ThrowawayPostgres(Path bin, Path dir, int port, boolean asServiceUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asServiceUser = asServiceUser;
  }

  /** The server binaries' directory, or empty when PostgreSQL is not installed. */
  static Optional<Path> binaries() {
    List<Path> candidates = new ArrayList<>();
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!entry.isEmpty()) {
        candidates.add(Path.of(entry));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.map(v -> v.resolve("bin")).sorted(Comparator.reverseOrder()).forEach(candidates::add);
      } catch (IOException e) {
        // An unreadable /usr/lib/postgresql just leaves the PATH to search.
      }
    }
    return candidates.stream()
        .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
        .findFirst();
  }

  /** Initialises and starts a server; on failure nothing is left running or on disk. */
  static ThrowawayPostgres start(Path bin) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "abuseloop-pg");
    ThrowawayPostgres server = new ThrowawayPostgres(bin, dir, freeLoopbackPort(), root);
    try {
      if (root) {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName(SERVICE_USER));
      }
      server.run("initdb", "-D", dir.resolve("data").toString(), "-U", USER, "--auth=trust",
          "-E", "UTF8", "--no-sync");
      server.run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
          "-w", "-t", "60", "-o", "-p " + server.port + " -k " + dir + " -h 127.0.0.1 -c fsync=off", "start");
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** A JDBC URL for database {@code name} on this server. */
  String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
  }

  @Override
  public void close() {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
      }
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    } finally {
      delete(dir);
    }
  }

  private void run(String program, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asServiceUser) {
      command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("abuseloop-pg-" + program, ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
          .directory(dir.toFile()).start();
      if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in " + STEP_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed with " + process.exitValue() + ":\n"
            + Files.readString(output, StandardCharsets.UTF_8) + serverLog());
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private String serverLog() throws IOException {
    Path log = dir.resolve("server.log");
    return Files.exists(log) ? "\nserver log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Already gone, or partly: nothing more a test can do about a temp directory.
    }
  }
}
