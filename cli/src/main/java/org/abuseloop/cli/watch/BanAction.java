package org.abuseloop.cli.watch;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;

/**
 * Applies a decided ban: sends it to the firewall (none with {@code --firewall none}) and counts it
 * once the kernel confirmed it; {@link #announce} prints it once it is also recorded. Thread-safe:
 * lines are printed whole, from the firewall's or the decision thread.
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

  /**
   * Bans {@code target} ({@code offenses}-th offense) for {@code length}; the future tells whether the
   * kernel has it (always true without a firewall). The reaction time, from {@code readNanos}, is
   * counted when the kernel confirmed the ban.
   */
  CompletableFuture<Boolean> ban(IpPrefix target, Duration length, long readNanos) {
    if (firewall == null) {
      applied(target, length, readNanos);
      return CompletableFuture.completedFuture(true);
    }
    return firewall.ban(target, length).handle((outcome, failure) -> {
      if (failure == null && (outcome.status() == BanOutcome.Status.APPLIED || outcome.status() == BanOutcome.Status.UNCHANGED)) {
        applied(target, length, readNanos);
        return true;
      }
      String why = failure != null ? failure.getMessage() : outcome.status() + " " + outcome.detail();
      LOG.log(Level.WARNING, "ban of {0} not applied: {1}", target, why);
      if (outcome == null || outcome.status() == BanOutcome.Status.FAILED) {
        onFailure.run();
      }
      return false;
    });
  }

  /**
   * Prints {@code ban <target> for <length> scenario=<id> offenses=<n>} and logs it: called once the
   * ban is both in the kernel and recorded in the store, so a line printed is never printed again
   * after a restart.
   */
  void announce(IpPrefix target, Duration length, String scenario, int offenses) {
    ActionLog.ban(target, length, scenario, offenses);
    out.println("ban " + text(target) + " for " + DurationWords.of(length) + " scenario=" + scenario + " offenses=" + offenses);
  }

  private void applied(IpPrefix target, Duration length, long readNanos) {
    if (metrics != null) {
      metrics.ban(target, length);
      metrics.reaction(Duration.ofNanos(System.nanoTime() - readNanos));
    }
  }

  /** The bare address of a host prefix, else {@code network/length}. */
  static String text(IpPrefix target) {
    return target.length() == target.network().bitLength() ? target.network().toString() : target.toString();
  }
}
