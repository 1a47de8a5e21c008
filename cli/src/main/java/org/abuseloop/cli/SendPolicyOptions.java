package org.abuseloop.cli;

import java.time.Duration;
import org.abuseloop.report.outbox.OutboxPolicy;
import picocli.CommandLine.Option;

/**
 * How {@code report send} sends (mode, batching period, rate limit, retries), over the configuration's
 * {@code report:} section; the commands that send nothing do not take these options. A picocli mixin; not
 * thread-safe (picocli fills it once per run).
 */
final class SendPolicyOptions {

  @Option(names = "--mode", paramLabel = "MODE", description = "approval (default: reports wait for 'report approve') or automatic")
  OutboxPolicy.Mode mode;

  @Option(names = "--batch-period", paramLabel = "DURATION", description = "one message per contact and period, ISO-8601 (default: PT1H; PT0S sends at once)")
  Duration batchPeriod;

  @Option(names = "--per-contact-per-day", paramLabel = "N", description = "most messages to one contact in 24 hours (default: 4)")
  Integer perContactPerDay;

  @Option(names = "--max-attempts", paramLabel = "N", description = "attempts before a message that keeps failing is given up (default: 12)")
  Integer maxAttempts;

  /** The policy these options give over {@code c}'s, checked. */
  OutboxPolicy policy(ReportConfig c) {
    OutboxPolicy d = OutboxPolicy.defaults();
    return new OutboxPolicy(OutboxOptions.first(mode, c.mode(), OutboxPolicy.Mode.APPROVAL),
        OutboxOptions.first(batchPeriod, c.batchPeriod(), d.batchPeriod()),
        OutboxOptions.first(perContactPerDay, c.perContactPerDay(), d.perContactPerDay()), d.retryFirst(), d.retryMax(),
        OutboxOptions.first(maxAttempts, c.maxAttempts(), d.maxAttempts()), d.sendingLease());
  }
}
