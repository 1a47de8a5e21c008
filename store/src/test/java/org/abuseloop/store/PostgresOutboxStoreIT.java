package org.abuseloop.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The outbox contract on a throwaway PostgreSQL server on loopback, one fresh database per test. Not
 * thread-safe; the server is shared by the class's tests. Skipped loudly without PostgreSQL, failing
 * under CI=true.
 */
class PostgresOutboxStoreIT extends OutboxStoreContract {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static ThrowawayPostgres server;

  private String url;

  @BeforeAll
  static void startServer() throws Exception {
    Optional<Path> bin = ThrowawayPostgres.binaries();
    String missing = "PostgreSQL server binaries (initdb, pg_ctl) not found on the PATH or under "
        + "/usr/lib/postgresql/*/bin: install the Debian package postgresql";
    if (bin.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(missing);
    }
    Assumptions.assumeTrue(bin.isPresent(), "SKIPPED: " + missing);
    server = ThrowawayPostgres.start(bin.get());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void createDatabase() throws SQLException {
    String name = "outbox_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(server.url("postgres")); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    url = server.url(name);
  }

  @Override
  String url() {
    return url;
  }
}
