package org.abuseloop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.cli.watch.Watch;
import org.abuseloop.cli.watch.LogfmtFormatter;
import org.abuseloop.cli.watch.WatchConfig;
import org.abuseloop.cli.watch.WatchConfigReader;
import org.abuseloop.cli.watch.WatchMetrics;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code abuseloop watch}: follows logs live, bans attackers in the firewall within milliseconds and
 * keeps the bans and each source's position in the store across restarts. Runs until stopped
 * (SIGTERM or SIGINT: what was read is decided and saved first) or until every source has ended.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Follow logs live and ban attackers in the firewall.")
final class WatchCommand implements Callable<Integer> {

  /** The firewall names of the command line. */
  enum FirewallName { nftables, ipset, iptables, none }

  @Option(names = "--config", paramLabel = "FILE", description = "the YAML configuration (docs/config.md) instead of the options below; --dry-run still applies")
  Path config;

  @Option(names = "--log", paramLabel = "FILE", description = "a log file to follow (repeatable)")
  List<Path> logs = new ArrayList<>();

  @Option(names = "--syslog-udp", paramLabel = "HOST:PORT", description = "receive syslog on this UDP address (repeatable; e.g. 127.0.0.1:5514)")
  List<String> syslogUdp = new ArrayList<>();

  @Option(names = "--syslog-tcp", paramLabel = "HOST:PORT", description = "receive syslog on this TCP address (repeatable)")
  List<String> syslogTcp = new ArrayList<>();

  @Option(names = "--journal", description = "follow the systemd journal (journalctl -f -o json, resumed by cursor)")
  boolean journal;

  @Option(names = "--stdin", description = "read lines from standard input; watch ends at its end")
  boolean stdin;

  @Option(names = "--service", converter = ServiceConverter.class, description = "read every line as this service (default: told from each line)")
  Service service;

  @Option(names = "--zone", description = "zone of timestamps without an offset (default: the host's)")
  ZoneId zone = ZoneId.systemDefault();

  @Option(names = "--firewall", description = "nftables (default), ipset, iptables (ipset sets behind an iptables rule) or none")
  FirewallName firewall = FirewallName.nftables;

  @Option(names = "--table", description = "nftables table / ipset prefix (default: ${DEFAULT-VALUE})")
  String table = "abuseloop";

  @Option(names = "--state", paramLabel = "DIR", description = "state directory: store, checkpoints (default: ~/.local/state/abuseloop)")
  Path state;

  @Option(names = "--dry-run", description = "change no firewall: print the nft scripts to stderr; bans are still decided, recorded and printed")
  boolean dryRun;

  @Option(names = "--scenarios", paramLabel = "FILE", description = "detection YAML (default: the built-in scenarios)")
  Path scenarios;

  @Option(names = "--ranges", paramLabel = "DIR", description = "providers' range files (default: STATE/ranges when present)")
  Path ranges;

  @Override
  public Integer call() throws IOException, InterruptedException {
    LogfmtFormatter.installOnce();
    WatchConfig wc = configuration();
    RangeOwners owners = RangeOwners.load(wc.ranges(), wc.stateDir());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    // The rate limits and provider blocks set with 'abuseloop firewall' are kept in watch's own table.
    Watch watch = Watch.start(wc, owners::ownerName, new WatchMetrics(), out, Clock.systemUTC(), new RememberedRules(wc.stateDir()));
    Thread hook = new Thread(watch::close, "abuseloop-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    watch.await();
    watch.close();
    return 0;
  }

  private WatchConfig configuration() throws IOException {
    if (config != null) {
      WatchConfig read = WatchConfigReader.read(config, StateDirectory.resolve(state));
      if (!dryRun) {
        return read;
      }
      WatchConfig.Firewall f = read.firewall();
      return new WatchConfig(read.sources(), new WatchConfig.Firewall(f.backend(), f.table(), true), read.bans(), read.allow(),
          read.stateDir(), read.storeUrl(), read.scenarios(), read.metrics(), read.ranges());
    }
    List<WatchConfig.Source> sources = new ArrayList<>();
    for (Path p : logs) {
      sources.add(WatchConfig.Source.file(p, service, zone));
    }
    for (String a : syslogUdp) {
      sources.add(WatchConfig.Source.syslog(WatchConfig.SourceKind.SYSLOG_UDP, address("--syslog-udp", a), service, zone));
    }
    for (String a : syslogTcp) {
      sources.add(WatchConfig.Source.syslog(WatchConfig.SourceKind.SYSLOG_TCP, address("--syslog-tcp", a), service, zone));
    }
    if (journal) {
      sources.add(new WatchConfig.Source(WatchConfig.SourceKind.JOURNAL, null, null, service, zone));
    }
    if (stdin) {
      sources.add(new WatchConfig.Source(WatchConfig.SourceKind.STDIN, null, null, service, zone));
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("watch needs a source: --log FILE, --syslog-udp, --syslog-tcp, --journal, --stdin (or --config FILE)");
    }
    WatchConfig.Firewall fw = new WatchConfig.Firewall(
        WatchConfig.FirewallBackend.valueOf(firewall.name().toUpperCase(java.util.Locale.ROOT)), table, dryRun);
    return new WatchConfig(sources, fw, WatchConfig.Bans.defaults(), WatchConfig.Allow.defaults(),
        StateDirectory.resolve(state), null, scenarios, null, ranges);
  }

  /** {@code HOST:PORT} or {@code [V6]:PORT}, a literal address (no name lookup); PORT alone means loopback. */
  private static InetSocketAddress address(String option, String text) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon).replace("[", "").replace("]", "");
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (IpAddress.parse(host) == null) {
        throw new IllegalArgumentException(option + ": '" + host + "' is not an IP address");
      }
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (NumberFormatException | UnknownHostException e) {
      throw new IllegalArgumentException(option + ": expected HOST:PORT, got '" + text + "'");
    }
  }
}
