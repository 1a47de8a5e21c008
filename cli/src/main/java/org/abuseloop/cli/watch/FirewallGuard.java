package org.abuseloop.cli.watch;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.store.Ban;
import org.abuseloop.store.BanStore;

/**
 * Keeps the firewall in step with the store: installs the table and re-applies every active ban
 * with its remaining time at start, then checks every few seconds (and at once after a failed ban)
 * that the table is still there, installing and re-applying again after a flush. Thread-safe: checks
 * run on its own single thread.
 */
final class FirewallGuard implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FirewallGuard.class.getName());

  private final Firewall firewall;
  private final BanStore bans;
  private final Clock clock;
  private final PrintStream out;
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "abuseloop-firewall-guard");
    t.setDaemon(true);
    return t;
  });

  FirewallGuard(Firewall firewall, BanStore bans, Clock clock, PrintStream out) {
    this.firewall = firewall;
    this.bans = bans;
    this.clock = clock;
    this.out = out;
  }

  /** Installs the firewall afresh and re-applies the store's active bans; returns them. */
  List<Ban> installAndRestore() {
    firewall.install();
    Instant now = clock.instant();
    List<Ban> active = bans.activeAt(now);
    List<CompletableFuture<BanOutcome>> applied = new ArrayList<>();
    for (Ban b : active) {
      applied.add(firewall.ban(b.target(), b.remainingAt(now)));
    }
    int failed = 0;
    for (CompletableFuture<BanOutcome> f : applied) {
      BanOutcome o = f.join();
      failed += o.status() == BanOutcome.Status.FAILED || o.status() == BanOutcome.Status.REFUSED ? 1 : 0;
    }
    out.println("restored " + (active.size() - failed) + " bans" + (failed > 0 ? " (" + failed + " not applied)" : ""));
    return active;
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

  private void check() {
    try {
      bans.expire(clock.instant());
      if (!firewall.isInstalled()) {
        LOG.log(Level.WARNING, "the firewall table is gone (flushed?): installing it again and re-applying the bans");
        out.println("firewall table missing: reinstalling");
        installAndRestore();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "firewall check failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
