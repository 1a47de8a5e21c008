package org.abuseloop.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The outbox contract on a real SQLite file in a temporary directory. Not thread-safe; one instance per test. */
class SqliteOutboxStoreTest extends OutboxStoreContract {

  @TempDir
  Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("outbox.db");
  }
}
