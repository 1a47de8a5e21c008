package org.abuseloop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.abuseloop.cli.watch.WatchConfig;
import org.abuseloop.cli.watch.WatchConfigReader;
import org.abuseloop.firewall.AllowList;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.FirewallSettings;
import picocli.CommandLine.Option;

/**
 * The options every manual firewall command shares ({@code --config}, {@code --state},
 * {@code --firewall}, {@code --table}, {@code --dry-run}, {@code --netns}): the command line wins over
 * the watch configuration, which wins over the defaults. A picocli mixin, one per command run; not
 * thread-safe.
 */
final class FirewallOptions {

  @Option(names = "--config", paramLabel = "FILE", description = "take firewall, allow list, state and store from this watch configuration")
  Path config;

  @Option(names = "--state", paramLabel = "DIR", description = "state directory (default: ~/.local/state/abuseloop)")
  Path state;

  @Option(names = "--firewall", paramLabel = "BACKEND", description = "nftables (default), ipset, iptables (same as ipset: ipset sets with iptables rules) or none")
  String backend;

  @Option(names = "--table", paramLabel = "NAME", description = "nftables table / ipset prefix (default: abuseloop)")
  String table;

  @Option(names = "--dry-run", description = "print the nft script and change nothing (neither the firewall nor the state)")
  boolean dryRun;

  @Option(names = "--netns", paramLabel = "NAME", description = "run the firewall commands inside this network namespace (ip netns exec)")
  String netns;

  private WatchConfig loaded;
  private boolean read;

  /** The state directory: {@code --state}, else the configuration's, else the default. */
  Path stateDir() throws IOException {
    if (state != null) {
      return state;
    }
    WatchConfig c = watchConfig();
    return c != null ? c.stateDir() : StateDirectory.resolve(null);
  }

  /** The store's JDBC URL: the configuration's, else the SQLite file in the state directory. */
  String storeUrl() throws IOException {
    WatchConfig c = watchConfig();
    if (c != null && c.storeUrl() != null) {
      return c.storeUrl();
    }
    return "jdbc:sqlite:" + stateDir().resolve(org.abuseloop.store.Store.DEFAULT_FILE).toAbsolutePath();
  }

  /** Opens the store: the configuration's URL, else the SQLite file in the state directory (created when absent). */
  org.abuseloop.store.Store openStore() throws IOException {
    WatchConfig c = watchConfig();
    if (c != null && c.storeUrl() != null) {
      return org.abuseloop.store.Store.open(c.storeUrl());
    }
    return org.abuseloop.store.Store.openIn(stateDir());
  }

  /** Backend, table and dry run after the options and the configuration. */
  WatchConfig.Firewall firewall() throws IOException {
    WatchConfig c = watchConfig();
    WatchConfig.Firewall base = c != null ? c.firewall() : WatchConfig.Firewall.defaults();
    WatchConfig.FirewallBackend b = backend == null ? base.backend() : backend(backend);
    return new WatchConfig.Firewall(b, table == null ? base.table() : table, dryRun || base.dryRun());
  }

  /** The allow list of the configuration (or none) plus loopback, this host's addresses and the private ranges. */
  AllowList allowList() throws IOException {
    WatchConfig c = watchConfig();
    WatchConfig.Allow allow = c != null ? c.allow() : WatchConfig.Allow.defaults();
    return AllowList.builder().allow(allow.cidrs()).own(HostAddresses.local()).privateBannable(allow.allowPrivate()).build();
  }

  /** Opens the chosen firewall; a dry run prints to {@code out}, backend {@code none} prints nowhere. */
  Firewall open(PrintStream out, Clock clock) throws IOException {
    WatchConfig.Firewall f = firewall();
    FirewallSettings settings = FirewallSettings.defaults().withTable(f.table()).withInteractive(false)
        .withCommandPrefix(netns == null ? List.of() : List.of("ip", "netns", "exec", netns));
    AllowList allow = allowList();
    if (f.dryRun()) {
      return Firewall.dryRun(out, settings, allow, clock);
    }
    return switch (f.backend()) {
      case NFTABLES -> Firewall.nftables(settings, allow, clock);
      case IPSET, IPTABLES -> Firewall.ipset(settings, allow, clock);
      case NONE -> Firewall.dryRun(new PrintStream(OutputStream.nullOutputStream()), settings, allow, clock);
    };
  }

  private WatchConfig watchConfig() throws IOException {
    if (!read) {
      read = true;
      loaded = config == null ? null : WatchConfigReader.read(config, StateDirectory.resolve(state));
    }
    return loaded;
  }

  static WatchConfig.FirewallBackend backend(String text) {
    try {
      return WatchConfig.FirewallBackend.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--firewall: unknown backend '" + text + "' (nftables, ipset, iptables or none)");
    }
  }
}
