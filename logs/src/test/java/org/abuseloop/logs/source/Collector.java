package org.abuseloop.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A {@link LineSink} that keeps what a source hands over, with bounded waits for a condition (never
 * an assertion on elapsed time). Thread-safe: the source's thread writes, the test's thread reads.
 */
final class Collector implements LineSink {

  /** Long enough for a loaded machine; a wait that runs out fails the test with what was seen. */
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final List<SourceLine> lines = new ArrayList<>();
  private final List<Position> batches = new ArrayList<>();

  @Override
  public synchronized void line(SourceLine line) {
    lines.add(line);
  }

  @Override
  public synchronized void endOfBatch(Position after) {
    batches.add(after);
  }

  synchronized List<SourceLine> lines() {
    return List.copyOf(lines);
  }

  synchronized List<String> texts() {
    return lines.stream().map(SourceLine::text).collect(Collectors.toList());
  }

  synchronized List<Position> batches() {
    return List.copyOf(batches);
  }

  synchronized Position lastBatch() {
    return batches.isEmpty() ? null : batches.get(batches.size() - 1);
  }

  /** Waits until {@code count} lines arrived, then returns them as text. */
  List<String> awaitLines(int count) {
    await(() -> lines().size() >= count, () -> "expected " + count + " lines, got " + texts());
    return texts();
  }

  /** Waits until an endOfBatch position satisfies {@code condition}. */
  Position awaitBatch(java.util.function.Predicate<Position> condition) {
    await(() -> batches().stream().anyMatch(condition), () -> "no such position among " + batches());
    return lastBatch();
  }

  static void await(BooleanSupplier condition, java.util.function.Supplier<String> failure) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting: " + failure.get());
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** A source running on its own thread until {@link #close()}, which fails the test if run() failed. */
  static final class Running implements AutoCloseable {
    final LogSource source;
    final Collector collector;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean returned;

    Running(LogSource source, Collector collector) {
      this.source = source;
      this.collector = collector;
      this.thread = new Thread(() -> {
        try {
          source.run(collector);
        } catch (Throwable t) {
          failure = t;
        } finally {
          returned = true;
        }
      }, "source-" + source.name());
      thread.setDaemon(true);
      thread.start();
    }

    static Running start(LogSource source) {
      return new Running(source, new Collector());
    }

    boolean returned() {
      return returned;
    }

    Throwable failure() {
      return failure;
    }

    @Override
    public void close() throws InterruptedException {
      source.close();
      thread.join(PATIENCE.toMillis());
      assertThat(thread.isAlive()).as("run() returned after close()").isFalse();
      if (failure != null) {
        throw new AssertionError("the source failed", failure);
      }
    }
  }
}
