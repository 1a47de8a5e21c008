package org.abuseloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox contract on a throwaway PostgreSQL server on loopback, one fresh database per test. Not
 * thread-safe; the server is shared by the class's tests. Skipped loudly without PostgreSQL, failing
 * under CI=true.
 */
class PostgresOutboxStoreIT extends OutboxStoreContract {

  @RegisterExtension
  static final FreshPostgresDatabase DATABASE = new FreshPostgresDatabase("outbox");

  @Override
  String url() {
    return DATABASE.url();
  }
}
