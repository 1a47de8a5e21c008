package org.abuseloop.cli.watch;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;

/**
 * Sends a decided ban to the firewall (none with {@code --firewall none}, nothing while the firewall is
 * paused) and tells when the kernel confirmed it; counting, recording and printing it are left to the {@link BanRecorder}, off the
 * critical path. Thread-safe: the firewall's completion runs on its thread and only notes the time.
 */
final class BanAction {

  private static final System.Logger LOG = System.getLogger(BanAction.class.getName());

  private final Firewall firewall;
  private final Runnable onFailure;
  private final BooleanSupplier paused;

  /** {@code firewall} null bans nothing (every ban counts as applied); {@code onFailure} runs when the kernel refused. */
  BanAction(Firewall firewall, Runnable onFailure) {
    this(firewall, onFailure, () -> false);
  }

  /** As above; while {@code paused} says so (the table removed by hand), no ban is sent to the kernel. */
  BanAction(Firewall firewall, Runnable onFailure, BooleanSupplier paused) {
    this.firewall = firewall;
    this.onFailure = onFailure;
    this.paused = paused;
  }

  /**
   * Whether the kernel has a ban, and when that was known.
   *
   * @param ok true when the ban is in the kernel (always, without a firewall)
   * @param atNanos {@link System#nanoTime()} when the kernel's confirmation (or refusal) arrived
   * @param paused true when it was not sent at all: the firewall is paused ({@code firewall remove})
   */
  record Applied(boolean ok, long atNanos, boolean paused) {

    Applied(boolean ok, long atNanos) {
      this(ok, atNanos, false);
    }
  }

  /** Bans {@code target} for {@code length}; the future completes once the kernel confirmed or refused it. */
  CompletableFuture<Applied> ban(IpPrefix target, Duration length) {
    if (firewall == null) {
      return CompletableFuture.completedFuture(new Applied(true, System.nanoTime()));
    }
    if (paused.getAsBoolean()) {
      return CompletableFuture.completedFuture(new Applied(false, System.nanoTime(), true));
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
