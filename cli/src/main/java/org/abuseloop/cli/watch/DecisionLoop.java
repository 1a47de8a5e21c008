package org.abuseloop.cli.watch;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.detect.Detector;
import org.abuseloop.logs.attempt.SameAttempt;
import org.abuseloop.store.Ban;
import org.abuseloop.store.Checkpoint;
import org.abuseloop.store.Offense;
import org.abuseloop.store.Store;

/**
 * The one thread that runs the detector: takes the sources' batches, turns opened incidents into
 * bans sent to the firewall as soon as each is decided, and records them with the batch's checkpoint
 * in one transaction once the batch is decided (kernel first, then the store). Not thread-safe: {@link #run()} runs on one thread; {@link #stop()} may be called from any.
 *
 * <p>A target already banned (by this run or a ban restored from the store) is not banned again while
 * its ban lasts: a second scenario firing on the same burst is not a second offense.
 */
final class DecisionLoop implements Runnable {

  private static final System.Logger LOG = System.getLogger(DecisionLoop.class.getName());
  /** How long a checkpoint without bans may wait, so that a steady trickle of lines is not a transaction each. */
  static final Duration CHECKPOINT_EVERY = Duration.ofMillis(200);

  private final BlockingQueue<Batch> queue;
  private final Detector detector;
  private final BanPolicy policy;
  private final Store store;
  private final WatchConfig.Bans bans;
  private final BanAction action;
  private final Clock clock;
  private final WatchMetrics metrics;
  private final Map<IpPrefix, Instant> banned = new HashMap<>();
  /** Folds the lines one attempt writes, at once (the first line counts), across all sources. */
  private final SameAttempt sameAttempt = new SameAttempt(Duration.ZERO);
  /** Every target's offense count as the store has it, so the kernel gets a ban before the commit. */
  private final Map<IpPrefix, Integer> offenses = new HashMap<>();
  private final Map<ResumePoint, Boolean> unsaved = new LinkedHashMap<>();
  private long lastSave = System.nanoTime();
  private volatile boolean stopping;

  DecisionLoop(BlockingQueue<Batch> queue, Detector detector, BanPolicy policy, Store store, WatchConfig.Bans bans,
      BanAction action, Clock clock, WatchMetrics metrics) {
    this.queue = queue;
    this.detector = detector;
    this.policy = policy;
    this.store = store;
    this.bans = bans;
    this.action = action;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Remembers the offense counts kept in the store, which ban escalation continues from. */
  void offenses(Map<IpPrefix, Integer> counts) {
    offenses.putAll(counts);
  }

  /** Remembers bans already in force (restored from the store), so that they are not counted again. */
  void alreadyBanned(List<Ban> active) {
    for (Ban b : active) {
      banned.merge(b.target(), b.expires(), (a, c) -> a.isAfter(c) ? a : c);
    }
  }

  /** Asks {@link #run()} to return once the queue is drained and the checkpoints are saved. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Batch batch = queue.poll(50, TimeUnit.MILLISECONDS);
        if (batch != null) {
          decide(batch);
        } else if (stopping) {
          break;
        }
        if (!unsaved.isEmpty() && System.nanoTime() - lastSave >= CHECKPOINT_EVERY.toNanos()) {
          commit(List.of());
        }
      }
      commit(List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "the decision thread stopped: " + e.getMessage(), e);
      throw e;
    }
  }

  /**
   * {@link #handle} that survives a failing store: the error is logged and the next commit saves the
   * checkpoints again (the bans already reached the kernel; a restart would decide them again).
   */
  private void decide(Batch batch) {
    try {
      handle(batch);
    } catch (RuntimeException e) {
      ActionLog.error("deciding a batch of " + batch.resume().source(), e);
    }
  }

  /** Counts one batch's events and commits the bans they decide with the batch's checkpoint. */
  void handle(Batch batch) {
    ResumePoint resume = batch.resume();
    Map<IpPrefix, Decision> decisions = new LinkedHashMap<>();
    for (Batch.Seen seen : batch.events()) {
      if (metrics != null) {
        metrics.event(seen.event().family());
      }
      resume.event(seen.event().time());
      if (sameAttempt.corroborates(seen.event())) {
        continue; // a further line of an attempt already counted (Asterisk NOTICE + SECURITY, Dovecot auth + login)
      }
      for (Incident incident : detector.accept(seen.event())) {
        if (incident.active()) {
          opened(incident, seen, resume, decisions);
        }
      }
    }
    resume.batchEnd(batch.lastLine(), batch.end());
    unsaved.put(resume, Boolean.TRUE);
    if (!decisions.isEmpty() || resume.unsaved()) {
      commit(new ArrayList<>(decisions.values()));
    }
  }

  private void opened(Incident incident, Batch.Seen seen, ResumePoint resume, Map<IpPrefix, Decision> decisions) {
    if (metrics != null) {
      metrics.incident(incident);
    }
    if (resume.decided(seen.line())) {
      return; // decided before the restart: this replay only rebuilds the counts
    }
    ActionLog.incident(incident);
    policy.target(incident).ifPresent(target -> {
      Instant now = clock.instant();
      if (isBanned(target, now) || decisions.containsKey(target)) {
        return;
      }
      decisions.put(target, send(new Offense(target, incident.scenario(), now), seen.readNanos()));
    });
  }

  /**
   * Sends one decided ban to the firewall at once (its length from the known offense count), before
   * the rest of the batch is decided: the firewall coalesces what arrives while a transaction runs,
   * and the store records it with the batch's checkpoint afterwards, so the kernel still comes first.
   */
  private Decision send(Offense offense, long readNanos) {
    IpPrefix target = offense.target();
    Duration length = bans.lengthFor(offenses.getOrDefault(target, 0) + 1);
    banned.put(target, offense.at().plus(length));
    return new Decision(offense, action.ban(target, length, readNanos));
  }

  private boolean isBanned(IpPrefix target, Instant now) {
    if (active(target, now)) {
      return true;
    }
    IpPrefix wider = policy.widen(target);
    return !wider.equals(target) && active(wider, now);
  }

  private boolean active(IpPrefix target, Instant now) {
    Instant until = banned.get(target);
    if (until == null) {
      return false;
    }
    if (!until.isAfter(now)) {
      banned.remove(target);
      return false;
    }
    return true;
  }

  /**
   * Records the decided bans (already sent to the firewall by {@link #send}) and the checkpoints in one
   * transaction. A crash between the two leaves a ban in the kernel that the store lacks: the restart
   * re-installs the table and, replaying the lines after the checkpoint, decides that ban again, once.
   */
  private void commit(List<Decision> decisions) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // the store keeps milliseconds
    List<Offense> decided = new ArrayList<>(decisions.size());
    for (Decision d : decisions) {
      decided.add(new Offense(d.offense().target(), d.offense().scenario(), now));
    }
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (ResumePoint r : unsaved.keySet()) {
      Checkpoint c = r.checkpoint(now);
      if (c != null) {
        checkpoints.add(c);
      }
    }
    List<Ban> recorded = store.bans().record(decided, bans::lengthFor, checkpoints);
    for (int i = 0; i < recorded.size(); i++) {
      Ban ban = recorded.get(i);
      offenses.put(ban.target(), ban.offenses());
      banned.put(ban.target(), ban.expires());
      Duration length = Duration.between(now, ban.expires());
      String scenario = decided.get(i).scenario();
      decisions.get(i).applied().thenAccept(ok -> {
        if (ok) {
          action.announce(ban.target(), length, scenario, ban.offenses());
        }
      });
    }
    unsaved.clear();
    lastSave = System.nanoTime();
  }

  /** An offense (its time is set again when committed) and whether the kernel took its ban. */
  private record Decision(Offense offense, CompletableFuture<Boolean> applied) {
  }
}
