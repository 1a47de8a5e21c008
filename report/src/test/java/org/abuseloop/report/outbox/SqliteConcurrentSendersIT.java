package org.abuseloop.report.outbox;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Two concurrent couriers on one SQLite file (two stores, as two processes). Not thread-safe; one instance per test. */
class SqliteConcurrentSendersIT extends ConcurrentSendersContract {

  @TempDir
  Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("outbox.db");
  }
}
