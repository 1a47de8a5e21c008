package org.abuseloop.cli.watch;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;

/**
 * Sends a decided ban to the firewall (none with {@code --firewall none}) and tells when the kernel
 * confirmed it; counting, recording and printing it are left to the {@link BanRecorder}, off the
 * critical path. Thread-safe: the firewall's completion runs on its thread and only notes the time.
 */
final class BanAction {

  private static final System.Logger LOG = System.getLogger(BanAction.class.getName());

  private final Firewall firewall;
  private final Runnable onFailure;

  /** {@code firewall} null bans nothing (every ban counts as applied); {@code onFailure} runs when the kernel refused. */
  BanAction(Firewall firewall, Runnable onFailure) {
    this.firewall = firewall;
    this.onFailure = onFailure;
  }

  /**
   * Whether the kernel has a ban, and when that was known.
   *
   * @param ok true when the ban is in the kernel (always, without a firewall)
   * @param atNanos {@link System#nanoTime()} when the kernel's confirmation (or refusal) arrived
   */
  record Applied(boolean ok, long atNanos) {
  }

  /** Bans {@code target} for {@code length}; the future completes once the kernel confirmed or refused it. */
  CompletableFuture<Applied> ban(IpPrefix target, Duration length) {
    if (firewall == null) {
      return CompletableFuture.completedFuture(new Applied(true, System.nanoTime()));
    }
    return firewall.ban(target, length).handle((outcome, failure) -> {
      long at = System.nanoTime();
      if (failure == null && (outcome.status() == BanOutcome.Status.APPLIED || outcome.status() == BanOutcome.Status.UNCHANGED)) {
        return new Applied(true, at);
      }
      String why = failure != null ? failure.getMessage() : outcome.status() + " " + outcome.detail();
      LOG.log(Level.WARNING, "ban of {0} not applied: {1}", target, why);
      if (outcome == null || outcome.status() == BanOutcome.Status.FAILED) {
        onFailure.run();
      }
      return new Applied(false, at);
    });
  }

  /** The bare address of a host prefix, else {@code network/length}. */
  static String text(IpPrefix target) {
    return target.length() == target.network().bitLength() ? target.network().toString() : target.toString();
  }
}
