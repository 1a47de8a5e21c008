package org.abuseloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpPrefix;

/**
 * The log of changes made to the firewall by hand (table {@code firewall_change}, migrations V7 and V8), the
 * signal from the manual commands to a running {@code watch}: a command notes what it did in the
 * same transaction as its store change, and watch polls {@link #stamp()} once a second and reads
 * the new rows when it moved. Thread-safe: each call is one transaction on its own connection.
 */
public final class FirewallChanges {

  /** How many changes are kept; older ones are deleted as new ones come. */
  static final int KEPT = 10_000;

  private static final String STAMP = "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM firewall_change";
  private static final String AFTER = "SELECT id, kind, target, changed_at FROM firewall_change WHERE id > ? ORDER BY id";
  private static final String NOTE = "INSERT INTO firewall_change (kind, target, changed_at) VALUES (?, ?, ?)";
  private static final String PRUNE = "DELETE FROM firewall_change WHERE id <= (SELECT MAX(id) FROM firewall_change) - " + KEPT;

  private final Store store;

  FirewallChanges(Store store) {
    this.store = store;
  }

  /**
   * The number of changes kept and the highest id: it moves with every new change, also one whose
   * lower id committed after a higher one (PostgreSQL's identities are not given in commit order).
   */
  public Stamp stamp() {
    return store.inTransaction("cannot read the firewall changes", connection -> {
      try (PreparedStatement select = connection.prepareStatement(STAMP); ResultSet row = select.executeQuery()) {
        row.next();
        return new Stamp(row.getLong(1), row.getLong(2));
      }
    });
  }

  /** The changes with an id above {@code id}, in id order. */
  public List<FirewallChange> after(long id) {
    return store.inTransaction("cannot read the firewall changes", connection -> {
      try (PreparedStatement select = connection.prepareStatement(AFTER)) {
        select.setLong(1, id);
        List<FirewallChange> out = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            String target = row.getString(3);
            out.add(new FirewallChange(row.getLong(1), FirewallChange.Kind.of(row.getString(2)),
                target == null ? null : IpPrefix.parse(target), Instant.ofEpochMilli(row.getLong(4))));
          }
        }
        return out;
      }
    });
  }

  /** Notes a change on its own (a rebuild: after the kernel has the new table; a removal: before it is deleted). */
  public void note(FirewallChange.Kind kind, IpPrefix target, Instant at) {
    store.inTransaction("cannot note a firewall change", connection -> {
      note(connection, kind, target, at);
      return null;
    });
  }

  /** Notes a change inside the caller's transaction. */
  static void note(Connection connection, FirewallChange.Kind kind, IpPrefix target, Instant at) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(NOTE)) {
      insert.setString(1, kind.id());
      insert.setString(2, target == null ? null : BanStore.text(target));
      insert.setLong(3, at.toEpochMilli());
      insert.executeUpdate();
    }
    try (PreparedStatement prune = connection.prepareStatement(PRUNE)) {
      prune.executeUpdate();
    }
  }

  /**
   * Where the log stands: how many changes it keeps and the highest id.
   *
   * @param count the changes kept
   * @param last the highest id, 0 when there is none
   */
  public record Stamp(long count, long last) {}
}
