package org.abuseloop.report.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try a message again after a temporary failure: the policy's first wait, doubled for each
 * further failure, capped at its longest wait. Immutable and thread-safe.
 */
final class Backoff {

  private final OutboxPolicy policy;

  Backoff(OutboxPolicy policy) {
    this.policy = policy;
  }

  /** The next attempt after {@code attempts} failed ones, the last at {@code now}. */
  Instant next(int attempts, Instant now) {
    Duration wait = policy.retryFirst();
    for (int i = 1; i < attempts && wait.compareTo(policy.retryMax()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return now.plus(wait.compareTo(policy.retryMax()) > 0 ? policy.retryMax() : wait);
  }

  /** True when {@code attempts} used up what the policy allows. */
  boolean exhausted(int attempts) {
    return attempts >= policy.maxAttempts();
  }
}
