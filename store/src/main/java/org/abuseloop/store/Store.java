package org.abuseloop.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The abuseloop database, SQLite by default or PostgreSQL, opened by JDBC URL with its schema
 * migrated to the current version; {@link #bans()}, {@link #checkpoints()}, {@link #contacts()}
 * and {@link #outbox()} read and write it. Thread-safe: every operation takes a connection of its own from a small pool,
 * so several threads (and several processes) may share one store.
 */
public final class Store implements AutoCloseable {

  /** The SQLite file a store in a state directory lives in. */
  public static final String DEFAULT_FILE = "abuseloop.db";

  private final String jdbcUrl;
  private final HikariDataSource dataSource;
  private final BanStore bans;
  private final Checkpoints checkpoints;
  private final ContactCacheTable contacts;
  private final OutboxStore outbox;
  private final FirewallChanges firewallChanges;
  private volatile boolean closed;

  private Store(String jdbcUrl, HikariDataSource dataSource) {
    this.jdbcUrl = jdbcUrl;
    this.dataSource = dataSource;
    this.bans = new BanStore(this);
    this.checkpoints = new Checkpoints(this);
    this.contacts = new ContactCacheTable(this);
    this.outbox = new OutboxStore(this);
    this.firewallChanges = new FirewallChanges(this);
  }

  /**
   * Opens the store at {@code jdbcUrl} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}) and
   * brings its schema to the current version.
   *
   * @throws StoreException naming the URL when the database cannot be reached, is not a database, or
   *     cannot be migrated
   */
  public static Store open(String jdbcUrl) {
    Backend backend = Backend.of(jdbcUrl);
    Store store = new Store(jdbcUrl, pool(jdbcUrl, backend.dataSource(jdbcUrl)));
    try {
      store.migrate(backend);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Opens (creating it and its directory when absent) the default SQLite store in {@code stateDirectory}. */
  public static Store openIn(Path stateDirectory) {
    try {
      Files.createDirectories(stateDirectory);
    } catch (IOException e) {
      throw new StoreException("cannot create the state directory " + stateDirectory + ": " + e.getMessage(), e);
    }
    return open("jdbc:sqlite:" + stateDirectory.resolve(DEFAULT_FILE).toAbsolutePath());
  }

  /** The bans kept in this store. */
  public BanStore bans() {
    return bans;
  }

  /** The log sources' resume points kept in this store. */
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  /** The RDAP abuse contacts cached in this store. */
  public ContactCacheTable contacts() {
    return contacts;
  }

  /** The outbox of abuse reports kept in this store. */
  public OutboxStore outbox() {
    return outbox;
  }

  /** The changes made to the firewall by hand, which a running watch follows. */
  public FirewallChanges firewallChanges() {
    return firewallChanges;
  }

  /** The JDBC URL this store was opened with, any password in it masked. */
  public String url() {
    return redact(jdbcUrl);
  }

  /** Closes the kept connections; later operations fail. */
  @Override
  public void close() {
    closed = true;
    dataSource.close();
  }

  /**
   * A small pool over the driver's data source: opening a SQLite connection (WAL, pragmas) costs tens
   * of milliseconds, a commit on a kept one a fraction of one, and watch commits on every ban. The
   * pool opens one connection at once, so an unreachable database fails here, naming the URL.
   */
  private static HikariDataSource pool(String jdbcUrl, DataSource raw) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(raw);
    config.setPoolName("abuseloop-store");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(Backend.BUSY_TIMEOUT_MILLIS + 5_000L);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open or migrate store " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
  }

  Connection connect() throws SQLException {
    if (closed) {
      throw new IllegalStateException("store " + url() + " is closed");
    }
    return dataSource.getConnection();
  }

  /** Runs {@code work} as one transaction on its own connection: committed when it returns, else rolled back. */
  <T> T inTransaction(String what, Work<T> work) {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** A piece of work inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  StoreException failure(String what, Exception cause) {
    return new StoreException(what + " in store " + url() + ": " + rootMessage(cause), cause);
  }

  private void migrate(Backend backend) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration", "classpath:db/" + backend.migrations())
          .placeholders(Map.of("id_column", backend.idColumn()))
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot open or migrate store " + url() + ": " + rootMessage(e), e);
    }
  }

  /** Masks {@code password=...} in a JDBC URL so that errors and logs may show the rest. */
  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.strip();
  }
}
