package org.abuseloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.abuseloop.core.IpAddress;

/**
 * The RDAP abuse contact cache of one {@link Store} (table {@code rdap_contact}, schema V3): rows
 * per registry and network range with an expiry; every time comes from the caller. Thread-safe:
 * each call is one statement on its own connection.
 */
public final class ContactCacheTable {

  /** The longest texts the schema keeps (V3); longer reasons are cut, longer registries refused. */
  public static final int MAX_REGISTRY = 500;
  public static final int MAX_CONTACT = 320;
  public static final int MAX_REASON = 2000;
  public static final int MAX_ANSWERED_BY = 1000;

  private static final String COLUMNS =
      "registry, first_address, last_address, contact, reason, answered_by, fetched_at, expires_at";
  // The narrowest live range holding the address: it starts last, and of those ends first.
  private static final String FIND = "SELECT " + COLUMNS + " FROM rdap_contact"
      + " WHERE registry = ? AND ip_version = ? AND first_address <= ? AND last_address >= ? AND expires_at > ?"
      + " ORDER BY first_address DESC, last_address ASC LIMIT 1";
  private static final String PUT = """
      INSERT INTO rdap_contact (registry, ip_version, first_address, last_address, contact, reason, answered_by,
                                fetched_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (registry, ip_version, first_address, last_address) DO UPDATE SET
        contact = excluded.contact,
        reason = excluded.reason,
        answered_by = excluded.answered_by,
        fetched_at = excluded.fetched_at,
        expires_at = excluded.expires_at
      """;
  private static final String PURGE = "DELETE FROM rdap_contact WHERE expires_at <= ?";

  private final Store store;

  ContactCacheTable(Store store) {
    this.store = store;
  }

  /** The narrowest row of {@code registry} holding {@code address} that has not expired at {@code now}. */
  public Optional<CachedContactRow> find(String registry, IpAddress address, Instant now) {
    String key = AddressKey.of(address);
    try (Connection c = store.connect(); PreparedStatement select = c.prepareStatement(FIND)) {
      select.setString(1, registry);
      select.setInt(2, address.isIPv4() ? 4 : 6);
      select.setString(3, key);
      select.setString(4, key);
      select.setLong(5, now.toEpochMilli());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw store.failure("cannot read the RDAP contact cache for " + address, e);
    }
  }

  /** Stores a row, replacing the one of the same registry and range. */
  public void put(CachedContactRow r) {
    if (r.first().isIPv4() != r.last().isIPv4() || r.first().compareTo(r.last()) > 0) {
      throw new IllegalArgumentException("not a range: " + r.first() + " .. " + r.last());
    }
    if (r.registry().isEmpty() || r.registry().length() > MAX_REGISTRY) {
      throw new IllegalArgumentException("a registry must be 1.." + MAX_REGISTRY + " characters");
    }
    if (r.contact() != null && r.contact().length() > MAX_CONTACT) {
      throw new IllegalArgumentException("a contact must be at most " + MAX_CONTACT + " characters");
    }
    try (Connection c = store.connect(); PreparedStatement upsert = c.prepareStatement(PUT)) {
      upsert.setString(1, r.registry());
      upsert.setInt(2, r.first().isIPv4() ? 4 : 6);
      upsert.setString(3, AddressKey.of(r.first()));
      upsert.setString(4, AddressKey.of(r.last()));
      if (r.contact() == null) {
        upsert.setNull(5, Types.VARCHAR);
      } else {
        upsert.setString(5, r.contact());
      }
      upsert.setString(6, cut(r.reason(), MAX_REASON));
      upsert.setString(7, r.answeredBy() == null ? null : cut(r.answeredBy(), MAX_ANSWERED_BY));
      upsert.setLong(8, r.fetched().toEpochMilli());
      upsert.setLong(9, r.expires().toEpochMilli());
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("cannot write the RDAP contact cache for " + r.first() + " .. " + r.last(), e);
    }
  }

  /** Deletes the rows expired at {@code now}; returns how many. */
  public int purge(Instant now) {
    try (Connection c = store.connect(); PreparedStatement delete = c.prepareStatement(PURGE)) {
      delete.setLong(1, now.toEpochMilli());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw store.failure("cannot purge the RDAP contact cache", e);
    }
  }

  private static CachedContactRow row(ResultSet row) throws SQLException {
    return new CachedContactRow(row.getString(1), AddressKey.parse(row.getString(2)), AddressKey.parse(row.getString(3)),
        row.getString(4), row.getString(5), row.getString(6),
        Instant.ofEpochMilli(row.getLong(7)), Instant.ofEpochMilli(row.getLong(8)));
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
