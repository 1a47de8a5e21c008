package org.abuseloop.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts a {@link ThrowawayPostgres} on loopback for a test class, creates one fresh
 * database per test and stops the server after the class; without PostgreSQL installed it skips the class
 * loudly, except under CI=true, where it fails. Register it as a static field; not thread-safe (the tests of
 * one class run one at a time).
 */
public final class FreshPostgresDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private static final String MISSING = "PostgreSQL server binaries (initdb, pg_ctl) not found on the PATH or "
      + "under /usr/lib/postgresql/*/bin: install the Debian package postgresql";

  private final String prefix;
  private final AtomicInteger databases = new AtomicInteger();
  private ThrowawayPostgres server;
  private String url;

  /** Names each test's database {@code prefix_N}. */
  public FreshPostgresDatabase(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Optional<Path> bin = ThrowawayPostgres.binaries();
    if (bin.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(MISSING);
    }
    Assumptions.assumeTrue(bin.isPresent(), "SKIPPED: " + MISSING);
    server = ThrowawayPostgres.start(bin.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws SQLException {
    String name = prefix + "_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(server.url("postgres")); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    url = server.url(name);
  }

  /** The JDBC URL of the current test's fresh database. */
  public String url() {
    return url;
  }

  /** The JDBC URL of the database {@code name} on the server (which need not exist). */
  String url(String name) {
    return server.url(name);
  }
}
