package org.abuseloop.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The abuseloop database, SQLite by default or PostgreSQL, opened by JDBC URL with its schema
 * migrated to the current version; {@link #bans()} and {@link #contacts()} read and write it.
 * Thread-safe: every operation takes its own connection, so several threads (and several
 * processes) may share one store.
 */
public final class Store implements AutoCloseable {

  /** The SQLite file a store in a state directory lives in. */
  public static final String DEFAULT_FILE = "abuseloop.db";

  private final String jdbcUrl;
  private final DataSource dataSource;
  private final BanStore bans;
  private final ContactCacheTable contacts;
  private volatile boolean closed;

  private Store(String jdbcUrl, DataSource dataSource) {
    this.jdbcUrl = jdbcUrl;
    this.dataSource = dataSource;
    this.bans = new BanStore(this);
    this.contacts = new ContactCacheTable(this);
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
    Store store = new Store(jdbcUrl, backend.dataSource(jdbcUrl));
    store.migrate(backend);
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

  /** The RDAP abuse contacts cached in this store. */
  public ContactCacheTable contacts() {
    return contacts;
  }

  /** The JDBC URL this store was opened with, any password in it masked. */
  public String url() {
    return redact(jdbcUrl);
  }

  /** Marks the store closed; later operations fail. Connections are per operation, so none is left open. */
  @Override
  public void close() {
    closed = true;
  }

  Connection connect() throws SQLException {
    if (closed) {
      throw new IllegalStateException("store " + url() + " is closed");
    }
    return dataSource.getConnection();
  }

  StoreException failure(String what, Exception cause) {
    return new StoreException(what + " in store " + url() + ": " + rootMessage(cause), cause);
  }

  private void migrate(Backend backend) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
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
