package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.abuseloop.core.Event;
import org.abuseloop.logs.LogChain;
import org.abuseloop.logs.RotatedLog;
import org.abuseloop.logs.TimeOrderedMerge;
import org.abuseloop.logs.attempt.SameAttempt;

/**
 * Old logs replayed the way {@code analyze} and {@code report} read them: the inputs grouped into rotated
 * sets and merged by event time, and the lines one failed attempt writes counted once. Stateless and
 * thread-safe.
 */
final class AttemptReplay {

  /** How long a line that may have a partner waits for it, so that the richer of the two is kept. */
  static final Duration HOLD = Duration.ofSeconds(2);

  private AttemptReplay() {}

  /** The rotated sets of {@code files} (files or directories) in {@linkplain #inOrder merge order}. */
  static List<RotatedLog> logs(List<Path> files) throws IOException {
    return inOrder(RotatedLog.group(LogInputs.expand(files)));
  }

  /**
   * Hands every event of {@code chains} to {@code sink} in event time, each attempt once, and returns the
   * fold, which counts the lines it folded.
   */
  static SameAttempt replay(List<LogChain> chains, Consumer<Event> sink) throws IOException {
    SameAttempt fold = new SameAttempt(HOLD);
    try (TimeOrderedMerge merge = new TimeOrderedMerge(chains)) {
      for (Event e = merge.next(); e != null; e = merge.next()) {
        fold.accept(e, sink);
      }
    }
    fold.flush(sink);
    return fold;
  }

  /**
   * The rotated sets in merge order (which breaks ties between events of the same instant): by the
   * modification time of their oldest file, then name, as files were read before the merge.
   */
  static List<RotatedLog> inOrder(List<RotatedLog> logs) throws IOException {
    List<Ordered> ordered = new ArrayList<>(logs.size());
    for (RotatedLog log : logs) {
      ordered.add(new Ordered(log, Files.getLastModifiedTime(log.files().get(0)).toInstant()));
    }
    Collections.sort(ordered);
    List<RotatedLog> sorted = new ArrayList<>(ordered.size());
    for (Ordered o : ordered) {
      sorted.add(o.log);
    }
    return sorted;
  }

  /**
   * A rotated set with the modification time of its oldest file. A plain class, not a map keyed by the
   * record or comparator lambdas: both are bootstrapped through method handles at the first use, tens of
   * milliseconds of a short run's start-up.
   */
  private static final class Ordered implements Comparable<Ordered> {
    final RotatedLog log;
    final Instant modified;

    Ordered(RotatedLog log, Instant modified) {
      this.log = log;
      this.modified = modified;
    }

    @Override
    public int compareTo(Ordered o) {
      int c = modified.compareTo(o.modified);
      return c != 0 ? c : log.files().get(0).compareTo(o.log.files().get(0));
    }
  }
}
