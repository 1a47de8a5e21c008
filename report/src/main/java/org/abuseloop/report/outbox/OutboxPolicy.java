package org.abuseloop.report.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox sends: approval or automatic mode, the batching period (one message per contact and
 * period), the rate limit per contact, the retry backoff and how long a claimed message may stay in
 * sending before a restart looks at it. Immutable and thread-safe; every field is checked when built.
 *
 * @param mode whether the operator approves each report first
 * @param batchPeriod reports queued in the same period go to their contact in one message; zero sends
 *     what is queued at each run
 * @param perContactPerDay the most messages one contact gets in any 24 hours
 * @param retryFirst the wait after the first temporary failure; it doubles with each further failure
 * @param retryMax the longest wait between attempts
 * @param maxAttempts the attempts after which a message that keeps failing temporarily is given up
 * @param sendingLease how long a message may stay claimed (in sending) before it counts as left by a crash
 */
public record OutboxPolicy(
    Mode mode, Duration batchPeriod, int perContactPerDay, Duration retryFirst, Duration retryMax, int maxAttempts,
    Duration sendingLease) {

  /** Whether reports wait for the operator. */
  public enum Mode {
    /** Reports are sent when due, without asking. */
    AUTOMATIC,
    /** Reports wait in the queue until {@code abuseloop report approve}. */
    APPROVAL
  }

  public OutboxPolicy {
    Objects.requireNonNull(mode, "mode");
    requireNotNegative(batchPeriod, "batch period");
    requirePositive(retryFirst, "first retry wait");
    requirePositive(retryMax, "longest retry wait");
    requirePositive(sendingLease, "sending lease");
    if (retryMax.compareTo(retryFirst) < 0) {
      throw new IllegalArgumentException("the longest retry wait (" + retryMax + ") is shorter than the first (" + retryFirst + ")");
    }
    if (perContactPerDay < 1) {
      throw new IllegalArgumentException("messages per contact and day must be at least 1, got " + perContactPerDay);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + maxAttempts);
    }
  }

  /**
   * Approval mode, one message per contact and hour, at most 4 a day per contact, retries from 1 minute
   * doubling up to 6 hours, given up after 12 attempts, a claimed message looked at after 10 minutes.
   */
  public static OutboxPolicy defaults() {
    return new OutboxPolicy(Mode.APPROVAL, Duration.ofHours(1), 4, Duration.ofMinutes(1), Duration.ofHours(6), 12,
        Duration.ofMinutes(10));
  }

  /** This policy in another mode. */
  public OutboxPolicy withMode(Mode newMode) {
    return new OutboxPolicy(newMode, batchPeriod, perContactPerDay, retryFirst, retryMax, maxAttempts, sendingLease);
  }

  private static void requireNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException("the " + name + " must not be negative, got " + d);
    }
  }

  private static void requirePositive(Duration d, String name) {
    requireNotNegative(d, name);
    if (d.isZero()) {
      throw new IllegalArgumentException("the " + name + " must be positive");
    }
  }
}
