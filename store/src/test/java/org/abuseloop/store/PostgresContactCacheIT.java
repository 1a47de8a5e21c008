package org.abuseloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The RDAP contact cache contract on a real PostgreSQL server started on loopback and thrown away,
 * one fresh database per test. Not thread-safe; the server is shared by the class's tests.
 * Without PostgreSQL installed it is skipped loudly, except under CI=true, where it fails.
 */
class PostgresContactCacheIT extends ContactCacheContract {

  @RegisterExtension
  static final FreshPostgresDatabase DATABASE = new FreshPostgresDatabase("contacts");

  @Override
  String url() {
    return DATABASE.url();
  }
}
