package org.abuseloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a log source resumes after a restart: its own resume point ({@code position}, opaque text
 * such as a file identity and offset or a journal cursor) and how many lines after that point were
 * already decided on. Immutable and thread-safe.
 *
 * @param source the source's stable name, e.g. {@code file:/var/log/auth.log}
 * @param position the source's resume point as text
 * @param decidedLines the lines read from {@code position} on whose bans are already recorded
 * @param updated when this checkpoint was written
 */
public record Checkpoint(String source, String position, long decidedLines, Instant updated) {

  /** The longest source name and position the schema keeps (V2). */
  public static final int MAX_SOURCE = 1000;
  public static final int MAX_POSITION = 4000;

  public Checkpoint {
    Objects.requireNonNull(updated, "updated");
    if (source == null || source.isBlank() || source.length() > MAX_SOURCE) {
      throw new IllegalArgumentException("a checkpoint's source must be 1.." + MAX_SOURCE + " characters");
    }
    if (position == null || position.length() > MAX_POSITION) {
      throw new IllegalArgumentException("a checkpoint's position must be 0.." + MAX_POSITION + " characters");
    }
    if (decidedLines < 0) {
      throw new IllegalArgumentException("decided lines cannot be negative, got " + decidedLines);
    }
  }
}
