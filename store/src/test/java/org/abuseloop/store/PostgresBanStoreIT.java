package org.abuseloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ban store contract on a real PostgreSQL server that the test starts on loopback and throws
 * away, one fresh database per test. Not thread-safe; the server is shared by the class's tests.
 * Without PostgreSQL installed it is skipped loudly, except under CI=true, where it fails.
 */
class PostgresBanStoreIT extends BanStoreContract {

  @RegisterExtension
  static final FreshPostgresDatabase DATABASE = new FreshPostgresDatabase("bans");

  @Override
  String url() {
    return DATABASE.url();
  }

  @Test
  void migratesOnceAndKeepsTheSchemaOnReopen() throws SQLException {
    Store.open(url()).close();
    Store.open(url()).close();

    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")) {
      assertThat(r.next()).isTrue();
      List<String> versions = Migrations.versions();
      assertThat(r.getInt(1)).isEqualTo(versions.size());
      assertThat(r.getString(2)).isEqualTo(versions.get(versions.size() - 1));
    }
  }

  @Test
  void aDatabaseThatIsNotThereGivesAnErrorNamingTheUrl() {
    String absent = DATABASE.url("no_such_database");

    assertThatThrownBy(() -> Store.open(absent))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(absent)
        .hasMessageContaining("no_such_database");
  }
}
