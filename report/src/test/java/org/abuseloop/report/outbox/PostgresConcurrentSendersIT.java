package org.abuseloop.report.outbox;

import org.abuseloop.store.FreshPostgresDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two concurrent couriers on one throwaway PostgreSQL database on loopback. Not thread-safe; one instance per
 * test. Skipped loudly without PostgreSQL, failing under CI=true.
 */
class PostgresConcurrentSendersIT extends ConcurrentSendersContract {

  @RegisterExtension
  static final FreshPostgresDatabase DATABASE = new FreshPostgresDatabase("senders");

  @Override
  String url() {
    return DATABASE.url();
  }
}
