package org.abuseloop.logs.source;

/**
 * Where a {@link LogSource} hands its lines. Called on the source's thread only, so an implementation
 * needs no locking of its own unless it shares state with other threads.
 */
@FunctionalInterface
public interface LineSink {

  /** One complete line (without its line end) and the position just after it; called on the source's thread. */
  void line(SourceLine line);

  /**
   * Called after each read batch, once the lines of that batch were handed over (default no-op): a good
   * time to save a checkpoint. Also called when the position moved without a line (a rotated file was
   * left for the new one), so a checkpoint never names a file the source has left.
   */
  default void endOfBatch(Position after) {}
}
