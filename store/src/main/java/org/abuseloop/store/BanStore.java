package org.abuseloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.abuseloop.core.IpPrefix;

/**
 * The bans of one {@link Store}: recorded as they are decided, re-applied after a restart, lifted
 * and run out; every time comes from the caller, never from the wall clock. Thread-safe: each call
 * is one transaction on its own connection.
 */
public final class BanStore {

  /** The longest scenario name the schema keeps (VARCHAR(200) in V1). */
  public static final int MAX_SCENARIO = 200;

  private static final String COLUMNS =
      "target, scenario, created_at, updated_at, expires_at, offenses, removed_at";

  // One statement for "new target" and "known target": ON CONFLICT is spelled the same in SQLite
  // and PostgreSQL, and in both the SET expressions read the row as it was before the update.
  // An open ban that has not run out keeps its start and is only ever lengthened; an ended one
  // starts a new period.
  private static final String RECORD = """
      INSERT INTO ban (target, prefix_length, ip_version, scenario, created_at, updated_at, expires_at, offenses)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1)
      ON CONFLICT (target) DO UPDATE SET
        offenses = ban.offenses + 1,
        scenario = excluded.scenario,
        updated_at = excluded.updated_at,
        created_at = CASE WHEN ban.removed_at IS NULL AND ban.expires_at > excluded.created_at
                          THEN ban.created_at ELSE excluded.created_at END,
        expires_at = CASE WHEN ban.removed_at IS NULL AND ban.expires_at > excluded.expires_at
                          THEN ban.expires_at ELSE excluded.expires_at END,
        removed_at = NULL
      """;
  private static final String FIND = "SELECT " + COLUMNS + " FROM ban WHERE target = ?";
  private static final String ACTIVE = "SELECT " + COLUMNS
      + " FROM ban WHERE removed_at IS NULL AND expires_at > ? AND created_at <= ? ORDER BY expires_at, target";
  private static final String REMOVE =
      "UPDATE ban SET removed_at = ? WHERE target = ? AND removed_at IS NULL AND expires_at > ? AND created_at <= ?";
  private static final String RUN_OUT = "SELECT " + COLUMNS
      + " FROM ban WHERE removed_at IS NULL AND expires_at <= ? ORDER BY expires_at, target";
  private static final String CLOSE = "UPDATE ban SET removed_at = expires_at WHERE target = ? AND removed_at IS NULL AND expires_at <= ?";

  private final Store store;

  BanStore(Store store) {
    this.store = store;
  }

  /**
   * Records an offense of {@code target} at {@code at} that bans it for {@code length}. A target
   * already banned keeps its ban, lengthened when this one runs further, and counts one more
   * offense; a target whose ban ended starts a new one, its earlier offenses still counted.
   *
   * @return the ban as it now stands
   */
  public Ban record(IpPrefix target, String scenario, Instant at, Duration length) {
    check(scenario, length);
    return store.inTransaction("cannot record a ban of " + target, connection -> record(connection, target, scenario, at, length));
  }

  /**
   * Records several offenses and the checkpoints of the lines they were decided from, all in one
   * transaction: either every ban and every checkpoint is written, or none is. Each offense's length
   * is {@code escalation} of the target's offense count with this one (1 for a first offense), so
   * escalation survives restarts.
   *
   * @return the bans as they now stand, in the order of {@code offenses}
   */
  public List<Ban> record(List<Offense> offenses, Escalation escalation, List<Checkpoint> checkpoints) {
    for (Offense o : offenses) {
      check(o.scenario(), Duration.ofMillis(1));
    }
    return store.inTransaction("cannot record " + offenses.size() + " bans and " + checkpoints.size() + " checkpoints",
        connection -> {
          List<Ban> out = new ArrayList<>(offenses.size());
          // One statement of each kind per transaction: a burst records thousands of bans at once,
          // and preparing three statements per ban cost more than the writes (measured, docs/benchmarks.md).
          try (PreparedStatement select = connection.prepareStatement(FIND);
              PreparedStatement upsert = connection.prepareStatement(RECORD)) {
            for (Offense o : offenses) {
              int before = find(select, o.target()).map(Ban::offenses).orElse(0);
              Duration length = escalation.lengthFor(before + 1);
              check(o.scenario(), length);
              upsert(upsert, o.target(), o.scenario(), o.at(), length);
              out.add(find(select, o.target()).orElseThrow());
            }
          }
          for (Checkpoint c : checkpoints) {
            Checkpoints.save(connection, c);
          }
          return out;
        });
  }

  /** How long a target's n-th offense bans it. */
  @FunctionalInterface
  public interface Escalation {
    /** The ban length of offense number {@code offenses} (1 for the first); positive. */
    Duration lengthFor(int offenses);
  }

  private static void check(String scenario, Duration length) {
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a ban needs a positive length, got " + length);
    }
    if (scenario.isBlank() || scenario.length() > MAX_SCENARIO) {
      throw new IllegalArgumentException("a ban's scenario must be 1.." + MAX_SCENARIO + " characters, got '" + scenario + "'");
    }
  }

  private Ban record(Connection connection, IpPrefix target, String scenario, Instant at, Duration length) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(RECORD)) {
      upsert(upsert, target, scenario, at, length);
    }
    return find(connection, target).orElseThrow();
  }

  /**
   * Records a ban made by hand ({@code abuseloop ban}) like {@link #record(IpPrefix, String, Instant, Duration)}
   * and notes it in {@link FirewallChanges}, in one transaction, so that a running watch learns of it.
   */
  public Ban recordByHand(IpPrefix target, String scenario, Instant at, Duration length) {
    check(scenario, length);
    return store.inTransaction("cannot record a ban of " + target, connection -> {
      Ban ban = record(connection, target, scenario, at, length);
      FirewallChanges.note(connection, FirewallChange.Kind.BAN, target, at);
      return ban;
    });
  }

  /**
   * Lifts the ban of {@code target} by hand ({@code abuseloop unban}) like {@link #remove} and notes the
   * unban in {@link FirewallChanges} (also when the store had no ban in force: a running watch may have
   * one it has not recorded yet), in one transaction.
   *
   * @return false when no ban was in force in the store
   */
  public boolean removeByHand(IpPrefix target, Instant at) {
    return store.inTransaction("cannot remove the ban of " + target, connection -> {
      boolean removed;
      try (PreparedStatement update = connection.prepareStatement(REMOVE)) {
        update.setLong(1, at.toEpochMilli());
        update.setString(2, text(target));
        update.setLong(3, at.toEpochMilli());
        update.setLong(4, at.toEpochMilli());
        removed = update.executeUpdate() == 1;
      }
      FirewallChanges.note(connection, FirewallChange.Kind.UNBAN, target, at);
      return removed;
    });
  }

  /** Runs {@link #RECORD} prepared as {@code upsert} for one ban. */
  private static void upsert(PreparedStatement upsert, IpPrefix target, String scenario, Instant at, Duration length) throws SQLException {
    long from = at.toEpochMilli();
    upsert.setString(1, text(target));
    upsert.setInt(2, target.length());
    upsert.setInt(3, target.network().isIPv4() ? 4 : 6);
    upsert.setString(4, scenario);
    upsert.setLong(5, from);
    upsert.setLong(6, from);
    upsert.setLong(7, Math.addExact(from, length.toMillis()));
    upsert.executeUpdate();
  }

  /** The ban kept for {@code target}, open or ended, if it ever had one. */
  public Optional<Ban> find(IpPrefix target) {
    return store.inTransaction("cannot read the ban of " + target, connection -> find(connection, target));
  }

  /** Every target's offense count, ended bans included: what ban escalation starts from after a restart. */
  public Map<IpPrefix, Integer> offenses() {
    return store.inTransaction("cannot read the offense counts", connection -> {
      Map<IpPrefix, Integer> out = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT target, offenses FROM ban");
          ResultSet row = select.executeQuery()) {
        while (row.next()) {
          out.put(IpPrefix.parse(row.getString(1)), row.getInt(2));
        }
      }
      return out;
    });
  }

  /** The bans in force at {@code at}, soonest to end first: what to re-apply after a restart. */
  public List<Ban> activeAt(Instant at) {
    return store.inTransaction("cannot read the active bans", connection -> {
      try (PreparedStatement select = connection.prepareStatement(ACTIVE)) {
        select.setLong(1, at.toEpochMilli());
        select.setLong(2, at.toEpochMilli());
        return bans(select);
      }
    });
  }

  /** Lifts the ban of {@code target} at {@code at}; false when none was in force then. */
  public boolean remove(IpPrefix target, Instant at) {
    return store.inTransaction("cannot remove the ban of " + target, connection -> {
      try (PreparedStatement update = connection.prepareStatement(REMOVE)) {
        update.setLong(1, at.toEpochMilli());
        update.setString(2, text(target));
        update.setLong(3, at.toEpochMilli());
        update.setLong(4, at.toEpochMilli());
        return update.executeUpdate() == 1;
      }
    });
  }

  /**
   * Closes every open ban that has run out by {@code at} and returns them as they were, so that
   * each is reported once; a closed ban stays kept, with its offenses, for the next one.
   */
  public List<Ban> expire(Instant at) {
    return store.inTransaction("cannot expire bans", connection -> {
      List<Ban> ended = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(RUN_OUT);
          PreparedStatement close = connection.prepareStatement(CLOSE)) {
        select.setLong(1, at.toEpochMilli());
        for (Ban ban : bans(select)) {
          close.setString(1, text(ban.target()));
          close.setLong(2, at.toEpochMilli());
          if (close.executeUpdate() == 1) {
            ended.add(ban);
          }
        }
      }
      return ended;
    });
  }

  private Optional<Ban> find(Connection connection, IpPrefix target) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(FIND)) {
      return find(select, target);
    }
  }

  /** Runs {@link #FIND} prepared as {@code select} for {@code target}. */
  private static Optional<Ban> find(PreparedStatement select, IpPrefix target) throws SQLException {
    select.setString(1, text(target));
    List<Ban> found = bans(select);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static List<Ban> bans(PreparedStatement select) throws SQLException {
    List<Ban> bans = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        long removed = row.getLong(7);
        boolean open = row.wasNull();
        bans.add(new Ban(
            IpPrefix.parse(row.getString(1)),
            row.getString(2),
            Instant.ofEpochMilli(row.getLong(3)),
            Instant.ofEpochMilli(row.getLong(4)),
            Instant.ofEpochMilli(row.getLong(5)),
            row.getInt(6),
            open ? null : Instant.ofEpochMilli(removed)));
      }
    }
    return bans;
  }

  /** The target's key: the bare address for a host, {@code network/length} for a wider prefix. */
  static String text(IpPrefix target) {
    return target.length() == target.network().bitLength() ? target.network().toString() : target.toString();
  }
}
