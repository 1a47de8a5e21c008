package org.abuseloop.cli.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.Incident;
import org.abuseloop.store.Checkpoint;
import org.abuseloop.store.Offense;

/**
 * What the decision thread leaves to the {@link BanRecorder} once a batch is decided: its events
 * (for the metrics), the incidents it opened, the bans already sent to the firewall, and the
 * sources' checkpoints to save with them. Immutable once built; handed between threads through a
 * queue.
 *
 * @param events the batch's events (counted in the metrics), in line order
 * @param opened the incidents the batch opened, in order
 * @param bans the bans decided from the batch, each already sent to the firewall
 * @param checkpoints the checkpoints to save in the bans' transaction (empty when none is due)
 */
record Decided(List<Batch.Seen> events, List<Opened> opened, List<Decision> bans, List<Checkpoint> checkpoints) {

  /** True when there is nothing to record, count or print. */
  boolean isEmpty() {
    return events.isEmpty() && opened.isEmpty() && bans.isEmpty() && checkpoints.isEmpty();
  }

  /**
   * An incident that opened.
   *
   * @param incident the detector's snapshot
   * @param replayed true when its line was decided before a restart (counted, not logged again)
   */
  record Opened(Incident incident, boolean replayed) {
  }

  /**
   * One ban sent to the firewall.
   *
   * @param offense the target, the scenario and when it was decided
   * @param length the length sent to the kernel
   * @param readNanos {@link System#nanoTime()} when its line was read (reaction time starts here)
   * @param handedNanos when its batch was handed to the decision thread
   * @param takenNanos when the decision thread took the batch
   * @param sentNanos when the ban was sent to the firewall
   * @param applied completes once the kernel confirmed (or refused) it
   */
  record Decision(Offense offense, Duration length, long readNanos, long handedNanos, long takenNanos, long sentNanos,
      CompletableFuture<BanAction.Applied> applied) {
  }
}
