package org.abuseloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ban store contract on a real PostgreSQL server that the test starts on loopback and throws
 * away, one fresh database per test. Not thread-safe; the server is shared by the class's tests.
 * Without PostgreSQL installed it is skipped loudly, except under CI=true, where it fails.
 */
class PostgresBanStoreIT extends BanStoreContract {

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
    String name = "bans_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(server.url("postgres")); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    url = server.url(name);
  }

  @Override
  String url() {
    return url;
  }

  @Test
  void migratesOnceAndKeepsTheSchemaOnReopen() throws SQLException {
    Store.open(url).close();
    Store.open(url).close();

    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(version) FROM flyway_schema_history WHERE success")) {
      assertThat(r.next()).isTrue();
      List<String> versions = Migrations.versions();
      assertThat(r.getInt(1)).isEqualTo(versions.size());
      assertThat(r.getString(2)).isEqualTo(versions.get(versions.size() - 1));
    }
  }

  @Test
  void aDatabaseThatIsNotThereGivesAnErrorNamingTheUrl() {
    String absent = server.url("no_such_database");

    assertThatThrownBy(() -> Store.open(absent))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(absent)
        .hasMessageContaining("no_such_database");
  }
}
