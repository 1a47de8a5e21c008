package org.abuseloop.cli.watch;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;

/**
 * Applies a recorded ban: sends it to the firewall (none with {@code --firewall none}), then, once the
 * kernel confirmed it, prints {@code ban <target> for <length> scenario=<id> offenses=<n>} and counts
 * it. Thread-safe: lines are printed whole, from the firewall's thread.
 */
final class BanAction {

  private static final System.Logger LOG = System.getLogger(BanAction.class.getName());

  private final Firewall firewall;
  private final PrintStream out;
  private final WatchMetrics metrics;
  private final Runnable onFailure;

  /** {@code firewall} null bans nothing but still records and prints; {@code onFailure} runs when the kernel refused. */
  BanAction(Firewall firewall, PrintStream out, WatchMetrics metrics, Runnable onFailure) {
    this.firewall = firewall;
    this.out = out;
    this.metrics = metrics;
    this.onFailure = onFailure;
  }

  /** Bans {@code target} ({@code offenses}-th offense) for {@code length}; the reaction time runs from {@code readNanos}. */
  CompletableFuture<BanOutcome> ban(IpPrefix target, String scenario, Duration length, int offenses, long readNanos) {
    if (firewall == null) {
      announce(target, length, scenario, offenses, readNanos);
      return CompletableFuture.completedFuture(null);
    }
    return firewall.ban(target, length).whenComplete((outcome, failure) -> {
      if (failure == null && (outcome.status() == BanOutcome.Status.APPLIED || outcome.status() == BanOutcome.Status.UNCHANGED)) {
        announce(target, length, scenario, offenses, readNanos);
      } else {
        String why = failure != null ? failure.getMessage() : outcome.status() + " " + outcome.detail();
        LOG.log(Level.WARNING, "ban of {0} not applied: {1}", target, why);
        if (outcome == null || outcome.status() == BanOutcome.Status.FAILED) {
          onFailure.run();
        }
      }
    });
  }

  private void announce(IpPrefix target, Duration length, String scenario, int offenses, long readNanos) {
    if (metrics != null) {
      metrics.ban(target, length);
      metrics.reaction(Duration.ofNanos(System.nanoTime() - readNanos));
    }
    out.println("ban " + text(target) + " for " + DurationWords.of(length) + " scenario=" + scenario + " offenses=" + offenses);
    ActionLog.ban(target, length, scenario, offenses);
  }

  /** The bare address of a host prefix, else {@code network/length}. */
  static String text(IpPrefix target) {
    return target.length() == target.network().bitLength() ? target.network().toString() : target.toString();
  }
}
