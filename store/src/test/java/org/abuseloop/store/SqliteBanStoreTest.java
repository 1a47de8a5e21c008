package org.abuseloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ban store contract and the schema's migrations on a real SQLite file in a temporary
 * directory, plus what only a file can get wrong. Not thread-safe; one instance serves one test.
 */
class SqliteBanStoreTest extends BanStoreContract {

  @TempDir
  Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("bans.db");
  }

  @Test
  void migratesAnEmptyDatabaseToTheBanTable() throws SQLException {
    Store.open(url()).close();

    assertThat(query("SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"))
        .containsExactlyElementsOf(Migrations.versions())
        .contains("1", "2", "3", "4");
    assertThat(query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ban' AND name = 'ban_open_by_expiry'"))
        .containsExactly("ban_open_by_expiry");
    assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
  }

  @Test
  void reopeningMigratesNothingTwiceAndKeepsTheRows() throws SQLException {
    try (Store store = Store.open(url())) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofHours(1));
    }
    Store.open(url()).close();
    Store.open(url()).close();

    assertThat(query("SELECT COUNT(*) FROM flyway_schema_history")).containsExactly(String.valueOf(Migrations.versions().size()));
    assertThat(query("SELECT target FROM ban")).containsExactly("203.0.113.9");
  }

  @Test
  void opensTheDefaultFileInAStateDirectoryItCreates() {
    Path state = dir.resolve("var/lib/abuseloop");

    try (Store store = Store.openIn(state)) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofHours(1));
      assertThat(store.url()).endsWith(state.resolve(Store.DEFAULT_FILE).toString());
    }

    assertThat(state.resolve(Store.DEFAULT_FILE)).isRegularFile();
  }

  @Test
  void aFileThatIsNotADatabaseGivesAnErrorNamingIt() throws Exception {
    Path notes = dir.resolve("notes.db");
    Files.writeString(notes, "these are notes, not a database\n".repeat(200), StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Store.open("jdbc:sqlite:" + notes))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(notes.toString())
        .hasMessageContaining("not a database");
  }

  @Test
  void aCorruptDatabaseGivesAnErrorNamingIt() throws Exception {
    Path db = dir.resolve("bans.db");
    try (Store store = Store.open(url())) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofHours(1));
    }
    checkpoint();
    byte[] bytes = Files.readAllBytes(db);
    for (int i = 16; i < bytes.length; i++) {
      bytes[i] = (byte) 0xA5;
    }
    Files.write(db, bytes);

    assertThatThrownBy(() -> Store.open(url()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(db.toString());
  }

  @Test
  void aDirectoryThatCannotBeCreatedGivesAnErrorNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> Store.openIn(file.resolve("state")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(file.resolve("state").toString());
  }

  @Test
  void anUnknownUrlIsRefusedWithTheUrlAndNoPassword() {
    assertThatThrownBy(() -> Store.open("jdbc:mysql://localhost/abuseloop?user=a&password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://localhost/abuseloop")
        .hasMessageNotContaining("secret");
  }

  private void checkpoint() throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  }

  private List<String> query(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }
}
