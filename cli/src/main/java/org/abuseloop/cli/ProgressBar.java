package org.abuseloop.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr for long runs on a terminal: silent for the first second and
 * whenever output is not a terminal, then redrawn a few times a second from a byte counter the reader
 * advances. Thread-safe: the reader only bumps the counter; a daemon thread draws.
 */
final class ProgressBar implements AutoCloseable {

  private static final long QUIET_MILLIS = 1000;
  private static final long REDRAW_MILLIS = 250;

  private final AtomicLong done = new AtomicLong();
  private final long total;
  private final PrintStream err;
  private final Thread painter;
  private volatile boolean running = true;
  private boolean drawn;

  private ProgressBar(long total, PrintStream err, boolean enabled) {
    this.total = Math.max(1, total);
    this.err = err;
    this.painter = enabled ? new Thread(this::paintLoop, "progress") : null;
    if (painter != null) {
      painter.setDaemon(true);
      painter.start();
    }
  }

  /** A bar over {@code totalBytes}, drawn only when stderr is a terminal. */
  static ProgressBar forTerminal(long totalBytes) {
    return new ProgressBar(totalBytes, System.err, System.console() != null);
  }

  AtomicLong counter() {
    return done;
  }

  private void paintLoop() {
    long start = System.nanoTime();
    try {
      while (running) {
        Thread.sleep(REDRAW_MILLIS);
        if (running && (System.nanoTime() - start) / 1_000_000 >= QUIET_MILLIS) {
          draw();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void draw() {
    double f = Math.min(1.0, (double) done.get() / total);
    int filled = (int) (f * 30);
    err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% of %,d MB", "=".repeat(filled), " ".repeat(30 - filled), f * 100, total >> 20);
    err.flush();
    drawn = true;
  }

  @Override
  public synchronized void close() {
    running = false;
    if (painter != null) {
      painter.interrupt();
    }
    if (drawn) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
    }
  }
}
