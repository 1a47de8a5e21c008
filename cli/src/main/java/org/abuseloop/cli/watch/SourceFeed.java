package org.abuseloop.cli.watch;

import org.abuseloop.logs.source.LineSink;
import org.abuseloop.logs.source.Position;
import org.abuseloop.logs.source.SourceLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.abuseloop.core.Event;
import org.abuseloop.logs.LineParser;

/**
 * Parses one source's lines on the source's own thread and hands their events to the decision thread
 * a batch at a time, counting lines since the resume point. Not thread-safe: one per source thread
 * (the {@link LineParser} inside keeps per-source state).
 */
final class SourceFeed implements LineSink {

  /**
   * Lines parsed at most before their events go to the decision thread, even in the middle of a read:
   * a 5 MB write is then decided while the rest of it is parsed, and its first ban does not wait for
   * its last line. Such a batch has no position; the read's last batch carries it.
   */
  static final int MAX_BATCH_LINES = 1024;

  private final ResumePoint resume;
  private final LineParser parser;
  private final BlockingQueue<Batch> queue;
  private final WatchMetrics metrics;
  private List<Batch.Seen> events = new ArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private long line;
  private int batchLines;
  private long queuedLine = -1;
  private Position queuedEnd;

  SourceFeed(ResumePoint resume, LineParser parser, BlockingQueue<Batch> queue, WatchMetrics metrics) {
    this.resume = resume;
    this.parser = parser;
    this.queue = queue;
    this.metrics = metrics;
  }

  /** Waits until the source reported its first position (a file is open) or {@code timeout} passed. */
  boolean awaitStart(Duration timeout) throws InterruptedException {
    return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void line(SourceLine l) {
    started.countDown();
    line++;
    byte[] b = l.bytes();
    int end = b.length;
    while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r')) {
      end--;
    }
    Event e = parser.parse(b, 0, end, l.lineNumber(), 0);
    if (e != null) {
      events.add(new Batch.Seen(e, line, System.nanoTime()));
    }
    if (++batchLines >= MAX_BATCH_LINES) {
      hand(null);
    }
  }

  @Override
  public void endOfBatch(Position position) {
    started.countDown();
    if (line == queuedLine && events.isEmpty() && Objects.equals(position, queuedEnd)) {
      return;
    }
    hand(position);
  }

  /** Queues the events since the last batch, ending at {@code position} (null in the middle of a read). */
  private void hand(Position position) {
    Batch batch = new Batch(resume, events, line, position, System.nanoTime());
    if (metrics != null && line > queuedLine) {
      metrics.lines(resume.source(), line - Math.max(queuedLine, 0));
    }
    events = new ArrayList<>();
    batchLines = 0;
    queuedLine = line;
    queuedEnd = position;
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing a batch of " + resume.source() + " on", e);
    }
  }
}
