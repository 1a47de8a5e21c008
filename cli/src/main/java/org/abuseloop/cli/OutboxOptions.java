package org.abuseloop.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.abuseloop.report.outbox.OutboxPolicy;
import org.abuseloop.store.Store;
import picocli.CommandLine.Option;

/**
 * The options every outbox command shares: where the store is and how the outbox sends (mode, batching
 * period, rate limit, retries). A picocli mixin; not thread-safe (picocli fills it once per run).
 */
final class OutboxOptions {

  @Option(names = "--state", paramLabel = "DIR", description = "state directory holding the SQLite store (default: ~/.local/state/abuseloop)")
  Path state;

  @Option(names = "--store", paramLabel = "JDBC_URL", description = "the store instead: jdbc:sqlite:FILE or jdbc:postgresql://...")
  String store;

  @Option(names = "--mode", paramLabel = "MODE", description = "approval (default: reports wait for 'report approve') or automatic")
  OutboxPolicy.Mode mode = OutboxPolicy.Mode.APPROVAL;

  @Option(names = "--batch-period", paramLabel = "DURATION", description = "one message per contact and period, ISO-8601 (default: PT1H; PT0S sends at once)")
  Duration batchPeriod = OutboxPolicy.defaults().batchPeriod();

  @Option(names = "--per-contact-per-day", paramLabel = "N", description = "most messages to one contact in 24 hours (default: 4)")
  int perContactPerDay = OutboxPolicy.defaults().perContactPerDay();

  @Option(names = "--max-attempts", paramLabel = "N", description = "attempts before a message that keeps failing is given up (default: 12)")
  int maxAttempts = OutboxPolicy.defaults().maxAttempts();

  /** Opens the store named by {@code --store}, else the SQLite file in the state directory. */
  Store open() {
    return store != null ? Store.open(store) : Store.openIn(StateDirectory.resolve(state));
  }

  /** The policy these options give, checked. */
  OutboxPolicy policy() {
    OutboxPolicy d = OutboxPolicy.defaults();
    return new OutboxPolicy(mode, batchPeriod, perContactPerDay, d.retryFirst(), d.retryMax(), maxAttempts, d.sendingLease());
  }
}
