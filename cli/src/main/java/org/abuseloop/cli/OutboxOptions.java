package org.abuseloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

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

  @Option(names = "--config", paramLabel = "FILE",
      description = "configuration file with a report: section (mail servers, addresses, mode, limits); flags override it")
  Path config;

  @Option(names = "--mode", paramLabel = "MODE", description = "approval (default: reports wait for 'report approve') or automatic")
  OutboxPolicy.Mode mode;

  @Option(names = "--batch-period", paramLabel = "DURATION", description = "one message per contact and period, ISO-8601 (default: PT1H; PT0S sends at once)")
  Duration batchPeriod;

  @Option(names = "--per-contact-per-day", paramLabel = "N", description = "most messages to one contact in 24 hours (default: 4)")
  Integer perContactPerDay;

  @Option(names = "--max-attempts", paramLabel = "N", description = "attempts before a message that keeps failing is given up (default: 12)")
  Integer maxAttempts;

  private ReportConfig loaded;

  /** The {@code report:} section of {@code --config}, read and checked once; empty without the option. */
  ReportConfig config() {
    if (loaded == null) {
      try {
        loaded = config == null ? ReportConfig.EMPTY : ReportConfigReader.read(config);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return loaded;
  }

  /** Opens the store named by {@code --store} (else the configuration's), else the SQLite file in the state directory. */
  Store open() {
    String url = store != null ? store : config().store();
    return url != null ? Store.open(url) : Store.openIn(StateDirectory.resolve(state));
  }

  /** The policy these options give over the configuration's, checked. */
  OutboxPolicy policy() {
    OutboxPolicy d = OutboxPolicy.defaults();
    ReportConfig c = config();
    return new OutboxPolicy(first(mode, c.mode(), OutboxPolicy.Mode.APPROVAL),
        first(batchPeriod, c.batchPeriod(), d.batchPeriod()),
        first(perContactPerDay, c.perContactPerDay(), d.perContactPerDay()), d.retryFirst(), d.retryMax(),
        first(maxAttempts, c.maxAttempts(), d.maxAttempts()), d.sendingLease());
  }

  /** The flag's value, else the configuration's, else the default. */
  static <T> T first(T flag, T configured, T fallback) {
    return flag != null ? flag : configured != null ? configured : fallback;
  }
}
