package org.abuseloop.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The RDAP contact cache contract on a SQLite file in a temporary directory. Not thread-safe; one instance per test. */
class SqliteContactCacheTest extends ContactCacheContract {

  @TempDir
  Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("contacts.db");
  }
}
