package org.abuseloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.abuseloop.store.Store;
import picocli.CommandLine.Option;

/**
 * The options every outbox command shares: where the store is and the configuration file; how the outbox
 * sends is {@link SendPolicyOptions}, for {@code report send} only. A picocli mixin; not thread-safe
 * (picocli fills it once per run).
 */
final class OutboxOptions {

  @Option(names = "--state", paramLabel = "DIR", description = "state directory holding the SQLite store (default: ~/.local/state/abuseloop)")
  Path state;

  @Option(names = "--store", paramLabel = "JDBC_URL", description = "the store instead: jdbc:sqlite:FILE or jdbc:postgresql://...")
  String store;

  @Option(names = "--config", paramLabel = "FILE",
      description = "configuration file with a report: section (the store; for send and replies also the mail servers, addresses, mode, limits); flags override it")
  Path config;

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

  /** The flag's value, else the configuration's, else the default. */
  static <T> T first(T flag, T configured, T fallback) {
    return flag != null ? flag : configured != null ? configured : fallback;
  }
}
