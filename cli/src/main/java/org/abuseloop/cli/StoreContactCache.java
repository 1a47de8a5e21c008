package org.abuseloop.cli;

import java.time.Instant;
import java.util.Optional;
import org.abuseloop.core.IpAddress;
import org.abuseloop.intel.CachedContact;
import org.abuseloop.intel.ContactCache;
import org.abuseloop.store.CachedContactRow;
import org.abuseloop.store.ContactCacheTable;

/**
 * intel's RDAP {@link ContactCache} kept in the store's {@code rdap_contact} table, so answers
 * outlive the run; the one place that knows both shapes. Thread-safe because the table is.
 */
final class StoreContactCache implements ContactCache {

  private final ContactCacheTable table;

  StoreContactCache(ContactCacheTable table) {
    this.table = table;
  }

  @Override
  public Optional<CachedContact> find(String registry, IpAddress address, Instant now) {
    return table.find(registry, address, now).map(r -> new CachedContact(r.registry(), r.first(), r.last(),
        r.contact(), r.reason(), r.answeredBy(), r.fetched(), r.expires()));
  }

  @Override
  public void put(CachedContact c) {
    table.put(new CachedContactRow(c.registry(), c.first(), c.last(), c.contact(), c.reason(), c.answeredBy(),
        c.fetched(), c.expires()));
  }
}
