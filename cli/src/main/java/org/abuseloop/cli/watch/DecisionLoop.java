package org.abuseloop.cli.watch;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.detect.Detector;
import org.abuseloop.logs.attempt.SameAttempt;
import org.abuseloop.store.Ban;
import org.abuseloop.store.Checkpoint;
import org.abuseloop.store.Offense;

/**
 * The one thread that runs the detector: takes the sources' batches and sends each ban to the
 * firewall the moment an incident decides it; nothing else happens on that path. Once a batch is
 * decided, its bans, incidents and (when due) the sources' checkpoints go to the {@link BanRecorder},
 * which records them after the kernel confirmed the bans (kernel first, then the store). Not
 * thread-safe: {@link #run()} runs on one thread; {@link #stop()} and {@link #recorded} may be called
 * from any.
 *
 * <p>A target already banned (by this run or a ban restored from the store) is not banned again while
 * its ban lasts: a second scenario firing on the same burst is not a second offense.
 */
final class DecisionLoop implements Runnable {

  private static final System.Logger LOG = System.getLogger(DecisionLoop.class.getName());
  /** How long a checkpoint without bans may wait, so that a steady trickle of lines is not a transaction each. */
  static final Duration CHECKPOINT_EVERY = Duration.ofMillis(200);
  /** How long the idle loop waits for a batch before it looks at the checkpoints and the stop flag. */
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final BlockingQueue<Batch> queue;
  private final Detector detector;
  private final BanPolicy policy;
  private final WatchConfig.Bans bans;
  private final BanAction action;
  private final Clock clock;
  private final BanRecorder recorder;
  private final Map<IpPrefix, Instant> banned = new HashMap<>();
  /** Folds the lines one attempt writes, at once (the first line counts), across all sources. */
  private final SameAttempt sameAttempt = new SameAttempt(Duration.ZERO);
  /** Every target's offense count: the store's at start, one more per ban sent, corrected by what the store records. */
  private final Map<IpPrefix, Integer> offenses = new ConcurrentHashMap<>();
  private final Set<ResumePoint> unsaved = new LinkedHashSet<>();
  /** Bans set or lifted by hand, from the firewall guard's thread. */
  private final java.util.Queue<HandBan> byHand = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private long lastSave = System.nanoTime();
  private volatile boolean stopping;

  DecisionLoop(BlockingQueue<Batch> queue, Detector detector, BanPolicy policy, WatchConfig.Bans bans,
      BanAction action, Clock clock, BanRecorder recorder) {
    this.queue = queue;
    this.detector = detector;
    this.policy = policy;
    this.bans = bans;
    this.action = action;
    this.clock = clock;
    this.recorder = recorder;
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

  /** A ban set or lifted by hand (any thread): taken in before the next batch is decided. */
  void byHand(HandBan change) {
    byHand.add(change);
  }

  /** A lift forgets the target and every ban inside it; a ban counts as one in force, with its offenses. */
  private void takeInHandBans() {
    for (HandBan h = byHand.poll(); h != null; h = byHand.poll()) {
      IpPrefix t = h.target();
      if (h.isLift()) {
        banned.keySet().removeIf(b -> b.length() >= t.length() && t.contains(b.network()));
      } else {
        banned.merge(t, h.until(), (a, c) -> a.isAfter(c) ? a : c);
      }
      if (h.offenses() > 0) {
        offenses.merge(t, h.offenses(), Math::max);
      }
    }
  }

  /** The store recorded {@code ban}: its offense count is the one escalation goes on from. Thread-safe. */
  void recorded(Ban ban) {
    offenses.merge(ban.target(), ban.offenses(), Math::max);
  }

  /** Asks {@link #run()} to return once the queue is drained and the checkpoints are handed on. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Batch batch = queue.poll(IDLE_NANOS, TimeUnit.NANOSECONDS); // returns at once when a batch comes
        if (batch != null) {
          decide(batch);
        } else if (stopping) {
          break;
        }
        if (!unsaved.isEmpty() && System.nanoTime() - lastSave >= CHECKPOINT_EVERY.toNanos()) {
          recorder.add(new Decided(List.of(), List.of(), List.of(), checkpoints()));
        }
      }
      recorder.add(new Decided(List.of(), List.of(), List.of(), checkpoints()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "the decision thread stopped: " + e.getMessage(), e);
      throw e;
    }
  }

  /** {@link #handle} that survives an error: it is logged and the next batch is decided. */
  private void decide(Batch batch) {
    try {
      handle(batch);
    } catch (RuntimeException e) {
      ActionLog.error("deciding a batch of " + batch.resume().source(), e);
    }
  }

  /** Counts one batch's events, sends the bans they decide, and hands the batch to the recorder. */
  void handle(Batch batch) {
    takeInHandBans();
    long taken = System.nanoTime();
    ResumePoint resume = batch.resume();
    List<Decided.Opened> opened = List.of();
    List<Decided.Decision> decisions = List.of();
    for (Batch.Seen seen : batch.events()) {
      resume.event(seen.event().time());
      if (sameAttempt.corroborates(seen.event())) {
        continue; // a further line of an attempt already counted (Asterisk NOTICE + SECURITY, Dovecot auth + login)
      }
      List<Incident> incidents = detector.accept(seen.event());
      for (int i = 0; i < incidents.size(); i++) {
        Incident incident = incidents.get(i);
        if (!incident.active()) {
          continue;
        }
        boolean replayed = resume.decided(seen.line()); // decided before the restart: only rebuilds the counts
        opened = grown(opened);
        opened.add(new Decided.Opened(incident, replayed));
        Decided.Decision d = replayed ? null : decide(incident, seen, batch.handedNanos(), taken);
        if (d != null) {
          decisions = grown(decisions);
          decisions.add(d);
        }
      }
    }
    resume.batchEnd(batch.lastLine(), batch.end());
    unsaved.add(resume);
    boolean save = !decisions.isEmpty() || resume.unsaved();
    recorder.add(new Decided(batch.events(), opened, decisions, save ? checkpoints() : List.of()));
  }

  /** The ban {@code incident} decides, already sent to the firewall, or null when it bans nothing new. */
  private Decided.Decision decide(Incident incident, Batch.Seen seen, long handed, long taken) {
    IpPrefix target = policy.target(incident).orElse(null);
    if (target == null) {
      return null;
    }
    Instant now = clock.instant();
    if (isBanned(target, now)) {
      return null; // also a target sent earlier in this batch: send() marks it banned
    }
    return send(new Offense(target, incident.scenario(), now), seen.readNanos(), handed, taken);
  }

  /**
   * Sends one decided ban to the firewall at once (its length from the known offense count), before
   * the rest of the batch is decided: the firewall coalesces what arrives while a transaction runs,
   * and the recorder stores it once the kernel has it.
   */
  private Decided.Decision send(Offense offense, long readNanos, long handed, long taken) {
    IpPrefix target = offense.target();
    int count = offenses.merge(target, 1, Integer::sum);
    Duration length = bans.lengthFor(count);
    banned.put(target, offense.at().plus(length));
    long sent = System.nanoTime();
    return new Decided.Decision(offense, length, readNanos, handed, taken, sent, action.ban(target, length));
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

  /** The checkpoints of the sources read since the last save, all lines so far decided. */
  private List<Checkpoint> checkpoints() {
    Instant now = clock.instant();
    List<Checkpoint> out = new ArrayList<>(unsaved.size());
    for (ResumePoint r : unsaved) {
      Checkpoint c = r.checkpoint(now);
      if (c != null) {
        out.add(c);
      }
    }
    unsaved.clear();
    lastSave = System.nanoTime();
    return out;
  }

  private static <T> List<T> grown(List<T> list) {
    return list.isEmpty() && !(list instanceof ArrayList) ? new ArrayList<>(4) : list;
  }
}
