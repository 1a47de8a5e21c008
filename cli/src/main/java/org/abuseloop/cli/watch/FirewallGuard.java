package org.abuseloop.cli.watch;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.Ruleset;
import org.abuseloop.store.Ban;
import org.abuseloop.store.FirewallChange;
import org.abuseloop.store.FirewallChanges;
import org.abuseloop.store.Store;

/**
 * Keeps the firewall in step with the store and with what was done by hand: installs the table with
 * every active ban (its remaining time), the rate limits and the range blocks at start; then, every
 * second (and at once after a failed ban), follows the store's log of hand changes ({@code abuseloop
 * ban}, {@code unban}: into the firewall's and the decision thread's memory; a rebuild by another
 * command: reinstall; a removal by {@code firewall remove}: pause), notices a change of the remembered
 * rules, and reinstalls everything in one transaction after a flush. Paused, it applies nothing to the
 * kernel (the decided bans are still recorded in the store) until a command rebuilds the table. Thread-safe:
 * after start, everything runs on its own single thread; {@link #paused()} may be read from any.
 */
final class FirewallGuard implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FirewallGuard.class.getName());
  /** How far below the highest id seen a change may still commit late (PostgreSQL identities). */
  private static final int LATE = 256;

  private final Firewall firewall;
  private final Store store;
  private final HandRules handRules;
  private final Clock clock;
  private final PrintStream out;
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "abuseloop-firewall-guard");
    t.setDaemon(true);
    return t;
  });
  private final Set<Long> handled = new LinkedHashSet<>();
  private volatile Consumer<HandBan> decisions = h -> { };
  private FirewallChanges.Stamp changesSeen;
  private long lastChange;
  private Object rulesStamp;
  private Ruleset rules = Ruleset.empty();
  /** Set by a hand removal of the table, cleared by a hand rebuild; read by the decision thread. */
  private volatile boolean paused;

  FirewallGuard(Firewall firewall, Store store, HandRules handRules, Clock clock, PrintStream out) {
    this.firewall = firewall;
    this.store = store;
    this.handRules = handRules;
    this.clock = clock;
    this.out = out;
  }

  /** Where the bans set or lifted by hand go (the decision thread's inbox). */
  void onHandBan(Consumer<HandBan> to) {
    decisions = to;
  }

  /**
   * Installs the firewall afresh with the store's active bans and the rules set by hand, and starts
   * following the hand changes from here (read first, so none made meanwhile is missed); returns the bans.
   */
  synchronized List<Ban> installAndRestore() {
    changesSeen = store.firewallChanges().stamp();
    lastChange = changesSeen.last();
    store.firewallChanges().after(Math.max(0, lastChange - LATE)).forEach(c -> remember(c.id()));
    rulesStamp = handRules.stamp();
    rules = loadRules();
    return reinstall();
  }

  /**
   * True while the table is removed by hand ({@code firewall remove}): bans decided meanwhile are
   * recorded in the store, not sent to the kernel, until a command installs the table again.
   */
  boolean paused() {
    return paused;
  }

  /** Starts the periodic check. */
  void watch(Duration every) {
    checker.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Checks soon, off the caller's thread (after a ban failed). */
  void suspect() {
    if (!checker.isShutdown()) {
      checker.execute(this::check);
    }
  }

  /**
   * One look: bans run out, hand changes, rules, and the table still being there; one reinstall at most,
   * none while paused.
   */
  synchronized void check() {
    try {
      store.bans().expire(clock.instant());
      boolean wasPaused = paused;
      boolean byHand = followHandChanges();
      Object stamp = handRules.stamp();
      if (!Objects.equals(stamp, rulesStamp)) {
        rulesStamp = stamp;
        rules = loadRules();
        byHand = true;
      }
      if (paused) {
        if (!wasPaused) {
          pause();
        }
        return; // the table stays away: no reinstall for a missing table nor for new rules
      }
      if (wasPaused) {
        LOG.log(Level.WARNING, "the firewall table was installed again by hand: applying bans again");
        out.println("firewall resumed by hand");
      }
      if (!firewall.isInstalled()) {
        LOG.log(Level.WARNING, "the firewall table is gone (flushed?): installing it again with the bans, limits and blocks");
        out.println("firewall table missing: reinstalling");
        reinstall();
      } else if (byHand) {
        out.println("firewall changed by hand: reinstalling");
        reinstall();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "firewall check failed: " + e.getMessage(), e);
    }
  }

  /**
   * Applies the hand changes noted since the last look: a ban goes into the firewall's list (and the
   * kernel, idempotently; not while paused) and to the decision thread, an unban out of both; a removal
   * pauses, a rebuild resumes (the later of the two wins); true when a command rebuilt the table last,
   * which this firewall's view must follow.
   */
  private boolean followHandChanges() {
    FirewallChanges changes = store.firewallChanges();
    FirewallChanges.Stamp now = changes.stamp();
    if (now.equals(changesSeen)) {
      return false;
    }
    changesSeen = now;
    boolean rebuild = false;
    Instant at = clock.instant();
    for (FirewallChange c : changes.after(Math.max(0, lastChange - LATE))) {
      if (!remember(c.id())) {
        continue;
      }
      lastChange = Math.max(lastChange, c.id());
      switch (c.kind()) {
        case BAN -> store.bans().find(c.target()).ifPresent(b -> {
          if (b.activeAt(at) && !paused) {
            firewall.ban(b.target(), b.remainingAt(at));
          }
          // Lifted or run out since (both in one look): still its offense count, with an end already past.
          Instant until = b.removed() != null && b.removed().isBefore(b.expires()) ? b.removed() : b.expires();
          decisions.accept(new HandBan(b.target(), until, b.offenses()));
        });
        case UNBAN -> {
          if (!paused) {
            firewall.unban(c.target()); // paused, the firewall holds nothing: the removal emptied it
          }
          decisions.accept(HandBan.lifted(c.target(), store.bans().find(c.target()).map(Ban::offenses).orElse(0)));
        }
        case REBUILD -> {
          rebuild = true;
          paused = false;
        }
        case REMOVE -> {
          rebuild = false;
          paused = true;
        }
      }
      LOG.log(Level.INFO, "by hand: {0} {1}", c.kind().id(), c.target() == null ? "" : c.target());
    }
    return rebuild;
  }

  /**
   * Honours {@code firewall remove}: deletes the table (again: idempotent, and a ban that reached the
   * kernel since the command's own delete goes too) and empties this firewall's list, so that nothing
   * it held comes back but what the store has when a rebuild resumes.
   */
  private void pause() {
    LOG.log(Level.WARNING, "the firewall table was removed by hand: bans are recorded, not applied, until a command"
        + " installs it again (abuseloop firewall restore)");
    out.println("firewall removed by hand: paused");
    firewall.remove();
  }

  /** Remembers a handled change id (the newest 4,096); false when it was handled before. */
  private boolean remember(long id) {
    if (!handled.add(id)) {
      return false;
    }
    if (handled.size() > 4 * 1024) {
      Iterator<Long> oldest = handled.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /**
   * Installs the table afresh with the store's active bans, every ban the firewall holds (decided and
   * not recorded yet), the rate limits and the blocks, in one transaction; returns the store's bans.
   */
  private List<Ban> reinstall() {
    Instant now = clock.instant();
    List<Ban> active = store.bans().activeAt(now);
    int n = firewall.reinstall(rules.withBans(active.stream()
        .map(b -> new org.abuseloop.firewall.Ban(b.target(), b.created(), b.expires())).toList()));
    out.println("restored " + n + " bans");
    if (!rules.limits().isEmpty() || !rules.blocks().isEmpty()) {
      out.println("restored " + rules.limits().size() + " rate limits, " + rules.blocks().size() + " range blocks");
    }
    return active;
  }

  /** The rules set by hand, or the ones known when they cannot be read (the error is logged). */
  private Ruleset loadRules() {
    try {
      return handRules.load();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "cannot read the rate limits and range blocks set by hand, keeping the ones known: " + e.getMessage(), e);
      return rules;
    }
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
