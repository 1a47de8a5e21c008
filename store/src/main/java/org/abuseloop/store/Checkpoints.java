package org.abuseloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log sources' resume points in one {@link Store}; {@link BanStore#record(List, Escalation, List)}
 * writes them in the same transaction as the bans decided from the lines before them. Thread-safe:
 * each call is one transaction on its own connection.
 */
public final class Checkpoints {

  private static final String FIND =
      "SELECT source, position, decided_lines, updated_at FROM source_checkpoint WHERE source = ?";
  private static final String ALL =
      "SELECT source, position, decided_lines, updated_at FROM source_checkpoint ORDER BY source";
  private static final String SAVE = """
      INSERT INTO source_checkpoint (source, position, decided_lines, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (source) DO UPDATE SET
        position = excluded.position,
        decided_lines = excluded.decided_lines,
        updated_at = excluded.updated_at
      """;

  private final Store store;

  Checkpoints(Store store) {
    this.store = store;
  }

  /** The saved checkpoint of {@code source}, if any. */
  public Optional<Checkpoint> find(String source) {
    return store.inTransaction("cannot read the checkpoint of " + source, connection -> {
      try (PreparedStatement select = connection.prepareStatement(FIND)) {
        select.setString(1, source);
        List<Checkpoint> found = read(select);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
      }
    });
  }

  /** Every saved checkpoint, by source name. */
  public List<Checkpoint> all() {
    return store.inTransaction("cannot read the checkpoints", connection -> {
      try (PreparedStatement select = connection.prepareStatement(ALL)) {
        return read(select);
      }
    });
  }

  /** Saves one checkpoint on its own (no bans with it). */
  public void save(Checkpoint checkpoint) {
    store.inTransaction("cannot save the checkpoint of " + checkpoint.source(), connection -> {
      save(connection, checkpoint);
      return null;
    });
  }

  static void save(Connection connection, Checkpoint c) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(SAVE)) {
      upsert.setString(1, c.source());
      upsert.setString(2, c.position());
      upsert.setLong(3, c.decidedLines());
      upsert.setLong(4, c.updated().toEpochMilli());
      upsert.executeUpdate();
    }
  }

  private static List<Checkpoint> read(PreparedStatement select) throws SQLException {
    List<Checkpoint> out = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        out.add(new Checkpoint(row.getString(1), row.getString(2), row.getLong(3), Instant.ofEpochMilli(row.getLong(4))));
      }
    }
    return out;
  }
}
