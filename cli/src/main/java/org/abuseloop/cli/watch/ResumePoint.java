package org.abuseloop.cli.watch;

import org.abuseloop.logs.source.Position;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.abuseloop.store.Checkpoint;

/**
 * Where one source resumes after a restart so that no line is lost and none is counted twice: the
 * oldest position whose following lines the detector may still need (its longest scenario window,
 * in event time) and how many lines after it were already decided on. A restart reads those lines
 * again to rebuild the detector's counts but bans nothing for them. Not thread-safe: used by the
 * decision thread only (the source thread reads only the immutable name).
 */
final class ResumePoint {

  /** Marks kept at most; beyond, the oldest go and a restart may miss counts older than the rest. */
  static final int MAX_MARKS = 100_000;

  private final String source;
  private final long windowMillis;
  private final long decidedAtStart;
  private final ArrayDeque<Mark> marks = new ArrayDeque<>();
  private long lastLine;
  private long events;
  private long latestEvent = Long.MIN_VALUE;
  private boolean saved;

  /** A point after which lines {@code 1..decided} were already decided on ({@code start} null: not resumable). */
  ResumePoint(String source, Position start, long decided, long windowMillis) {
    this.source = source;
    this.windowMillis = windowMillis;
    this.decidedAtStart = decided;
    this.saved = start != null;
    if (start != null) {
      marks.add(new Mark(start, 0, 0, Long.MIN_VALUE));
    }
  }

  String source() {
    return source;
  }

  /** True when line {@code line} (counted from the resume point) was decided on before the restart. */
  boolean decided(long line) {
    return line <= decidedAtStart;
  }

  /** Notes an event's time, in order of lines. */
  void event(Instant time) {
    events++;
    latestEvent = Math.max(latestEvent, time.toEpochMilli());
  }

  /** Notes the end of a batch: lines up to {@code line} are decided on, and {@code end} resumes after them. */
  void batchEnd(long line, Position end) {
    lastLine = line;
    if (end == null || end.kind() == Position.Kind.STREAM) {
      return; // a socket or stdin cannot be resumed
    }
    Mark mark = new Mark(end, line, events, latestEvent);
    Mark last = marks.peekLast();
    if (last == null) {
      marks.add(mark);
    } else if (last.events == events) {
      marks.pollLast(); // no event since: starting at the newer position skips only lines without events
      marks.add(mark);
    } else if (marks.size() == 1 || latestEvent - last.latestEvent >= 1000) {
      marks.add(mark); // at most one mark per second of event time, the earliest
    }
    prune();
  }

  /** True while this source has a position but no checkpoint saved yet: save it at once. */
  boolean unsaved() {
    return !saved && !marks.isEmpty();
  }

  /** The checkpoint to save now (all lines so far decided), or null for a source without positions. */
  Checkpoint checkpoint(Instant now) {
    Mark front = marks.peekFirst();
    if (front == null) {
      return null;
    }
    saved = true;
    return new Checkpoint(source, front.position.toText(), lastLine - front.line, now);
  }

  private void prune() {
    while (marks.size() >= 2) {
      Iterator<Mark> it = marks.iterator();
      Mark front = it.next();
      Mark second = it.next();
      boolean noEventsBetween = front.events == second.events;
      boolean allOutOfWindow = latestEvent != Long.MIN_VALUE && second.latestEvent != Long.MIN_VALUE
          && second.latestEvent < latestEvent - windowMillis;
      if (noEventsBetween || allOutOfWindow || marks.size() > MAX_MARKS) {
        marks.pollFirst();
      } else {
        return;
      }
    }
  }

  /** A position, the line count there, the events before it and the latest event time before it. */
  private record Mark(Position position, long line, long events, long latestEvent) {
  }
}
