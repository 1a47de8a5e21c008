package org.abuseloop.cli.watch;

import org.abuseloop.logs.source.Position;
import java.util.List;
import org.abuseloop.core.Event;

/**
 * The events of one batch a source read, handed from the source's thread to the decision thread:
 * each event with the number of its line since the source's resume point and when it was read, then
 * the position after the batch. Immutable once built; safe to pass between threads through a queue.
 *
 * @param resume the source's resume point (updated by the decision thread only)
 * @param events the events the batch's lines gave, in line order
 * @param lastLine the number of the batch's last line since the resume point (0 before any line)
 * @param end where the source resumes after this batch, or null when it has no positions
 * @param handedNanos {@link System#nanoTime()} when the source thread handed it on
 */
record Batch(ResumePoint resume, List<Seen> events, long lastLine, Position end, long handedNanos) {

  /**
   * One event and its line.
   *
   * @param event the event
   * @param line the number of its line since the source's resume point, from 1
   * @param readNanos {@link System#nanoTime()} when the line was read (reaction time starts here)
   */
  record Seen(Event event, long line, long readNanos) {
  }
}
