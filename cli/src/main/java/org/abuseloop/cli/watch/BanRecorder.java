package org.abuseloop.cli.watch;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.abuseloop.store.Ban;
import org.abuseloop.store.BanStore;
import org.abuseloop.store.Checkpoint;
import org.abuseloop.store.Offense;

/**
 * Everything {@code watch} does for a decided batch that is not on the way from a line to the kernel:
 * waits until the kernel confirmed the batch's bans, then records them with the sources' checkpoints
 * in one store transaction, counts the metrics and prints the {@code ban} and action-log lines, one
 * flush per transaction. Runs on a thread of its own ({@link #run}); batches queued meanwhile go into
 * the same transaction. Thread-safe: {@link #add} and {@link #close} may be called from any thread,
 * {@link #recordQueued} by one thread at a time (the recorder's own, or a test's instead of it).
 */
final class BanRecorder implements Runnable, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(BanRecorder.class.getName());
  /** Decided batches waiting at most; the decision thread waits when the store falls this far behind. */
  static final int QUEUE = 16_384;
  /** Batches recorded in one transaction at most. */
  static final int MAX_COALESCED = 1_024;
  /**
   * How long the recorder lets the decision thread have the CPU at most, while batches wait for it,
   * before it records: on two cores a burst's store transactions and output otherwise slow down the
   * bans still to be decided (the kernel already has the ones waiting here).
   */
  static final long YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  private static final long YIELD_STEP_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
  private static final Decided STOP = new Decided(List.of(), List.of(), List.of(), List.of());

  /** Records offenses and checkpoints in one transaction: the store's {@link BanStore#record(List, BanStore.Escalation, List)}. */
  @FunctionalInterface
  interface Recording {
    List<Ban> record(List<Offense> offenses, BanStore.Escalation escalation, List<Checkpoint> checkpoints);
  }

  private final BlockingQueue<Decided> queue = new LinkedBlockingQueue<>(QUEUE);
  private final Recording store;
  private final WatchConfig.Bans bans;
  private final Clock clock;
  private final WatchMetrics metrics;
  private final ActionOutput output;
  private final Consumer<Ban> recorded;
  private final List<Decided> taken = new ArrayList<>();
  private volatile BooleanSupplier deciding = () -> false;
  private Thread thread;

  /**
   * A recorder writing to {@code store}, counting in {@code metrics} (may be null), printing through
   * {@code output}; {@code recorded} hears of each ban as the store has it (the decision thread's
   * offense counts).
   */
  BanRecorder(Recording store, WatchConfig.Bans bans, Clock clock, WatchMetrics metrics, ActionOutput output,
      Consumer<Ban> recorded) {
    this.store = store;
    this.bans = bans;
    this.clock = clock;
    this.metrics = metrics;
    this.output = output;
    this.recorded = recorded;
  }

  /** {@code busy} tells whether batches wait for the decision thread; the recorder's thread then waits a little. */
  BanRecorder yieldingTo(BooleanSupplier busy) {
    this.deciding = busy;
    return this;
  }

  /** Starts the recorder's thread. */
  BanRecorder start() {
    thread = new Thread(this, "abuseloop-recorder");
    thread.start();
    return this;
  }

  /** Queues a decided batch (waits while the queue is full). */
  void add(Decided decided) {
    if (decided.isEmpty()) {
      return;
    }
    try {
      queue.put(decided);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing a decided batch", e);
    }
  }

  @Override
  public void run() {
    try {
      while (true) {
        Decided first = queue.take();
        if (first == STOP) {
          break;
        }
        taken.add(first);
        yieldToDecisions();
        queue.drainTo(taken, MAX_COALESCED - 1);
        boolean stop = taken.remove(STOP);
        record(taken);
        if (stop) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      taken.clear();
    }
  }

  /** Waits while batches wait for the decision thread, at most {@link #YIELD_NANOS}. */
  private void yieldToDecisions() {
    long deadline = System.nanoTime() + YIELD_NANOS;
    while (deciding.getAsBoolean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(YIELD_STEP_NANOS);
    }
  }

  /** Records what is queued now, on the caller's thread (for a caller that runs no recorder thread). */
  void recordQueued() {
    List<Decided> all = new ArrayList<>();
    queue.drainTo(all);
    all.remove(STOP);
    if (!all.isEmpty()) {
      record(all);
    }
  }

  /** Records what was queued before, then stops the thread. */
  @Override
  public void close() {
    if (thread == null) {
      recordQueued();
      return;
    }
    try {
      queue.put(STOP);
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One transaction for {@code batches}; an error is logged and the next transaction goes on. */
  private void record(List<Decided> batches) {
    try {
      for (Decided d : batches) {
        for (Decided.Decision b : d.bans()) {
          b.applied().join(); // the kernel first; nothing else competes with it for the CPU meanwhile
        }
      }
      count(batches);
      List<Decided.Decision> decisions = new ArrayList<>();
      Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
      for (Decided d : batches) {
        decisions.addAll(d.bans());
        for (Checkpoint c : d.checkpoints()) {
          checkpoints.put(c.source(), c); // the latest of each source covers the earlier ones
        }
      }
      commit(decisions, new ArrayList<>(checkpoints.values()));
    } catch (RuntimeException e) {
      ActionLog.error("recording " + batches.size() + " decided batches", e);
      LOG.log(Level.DEBUG, "recording failed", e);
    } finally {
      output.flush();
      batches.clear();
    }
  }

  /** The metrics of the events and incidents, and the incidents' log lines. */
  private void count(List<Decided> batches) {
    for (Decided d : batches) {
      if (metrics != null) {
        for (Batch.Seen s : d.events()) {
          metrics.event(s.event().family());
        }
      }
      for (Decided.Opened o : d.opened()) {
        if (metrics != null) {
          metrics.incident(o.incident());
        }
        if (!o.replayed()) {
          output.incident(o.incident());
        }
      }
    }
  }

  /**
   * Waits for the kernel's word on every ban, then records them and the checkpoints in one
   * transaction (kernel first, then the store: a crash between the two leaves a ban the store lacks,
   * which the restart decides again from the lines after the checkpoint), then prints the bans.
   */
  private void commit(List<Decided.Decision> decisions, List<Checkpoint> checkpoints) {
    if (decisions.isEmpty() && checkpoints.isEmpty()) {
      return;
    }
    List<BanAction.Applied> applied = new ArrayList<>(decisions.size());
    for (Decided.Decision d : decisions) {
      applied.add(d.applied().join());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the store keeps milliseconds
    List<Offense> offenses = new ArrayList<>(decisions.size());
    for (Decided.Decision d : decisions) {
      offenses.add(new Offense(d.offense().target(), d.offense().scenario(), now));
    }
    List<Ban> stored = store.record(offenses, bans::lengthFor, checkpoints);
    for (int i = 0; i < stored.size(); i++) {
      Ban ban = stored.get(i);
      recorded.accept(ban);
      Decided.Decision d = decisions.get(i);
      if (applied.get(i).ok()) {
        ReactionEvent.commit(BanAction.text(ban.target()), d, applied.get(i).atNanos());
        output.ban(ban.target(), Duration.between(now, ban.expires()), d.offense().scenario(), ban.offenses());
        if (metrics != null) {
          metrics.ban(ban.target(), d.length());
          metrics.reaction(Duration.ofNanos(applied.get(i).atNanos() - d.readNanos()));
        }
      } else if (applied.get(i).paused()) {
        output.pausedBan(ban.target(), Duration.between(now, ban.expires()), d.offense().scenario(), ban.offenses());
      }
    }
  }
}
