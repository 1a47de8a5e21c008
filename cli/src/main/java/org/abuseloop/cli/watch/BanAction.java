package org.abuseloop.cli.watch;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.store.Ban;

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

  /** Bans {@code ban.target()} for {@code length}; the reaction time runs from {@code readNanos}. */
  CompletableFuture<BanOutcome> ban(Ban ban, String scenario, Duration length, long readNanos) {
    if (firewall == null) {
      announce(ban.target(), length, scenario, ban.offenses(), readNanos);
      return CompletableFuture.completedFuture(null);
    }
    return firewall.ban(ban.target(), length).whenComplete((outcome, failure) -> {
      if (failure == null && (outcome.status() == BanOutcome.Status.APPLIED || outcome.status() == BanOutcome.Status.UNCHANGED)) {
        announce(ban.target(), length, scenario, ban.offenses(), readNanos);
      } else {
        String why = failure != null ? failure.getMessage() : outcome.status() + " " + outcome.detail();
        LOG.log(Level.WARNING, "ban of {0} not applied: {1}", ban.target(), why);
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
  }

  /** The bare address of a host prefix, else {@code network/length}. */
  static String text(IpPrefix target) {
    return target.length() == target.network().bitLength() ? target.network().toString() : target.toString();
  }
}
