package org.abuseloop.cli.watch;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;

/**
 * Everything {@code abuseloop watch} runs with: the log sources, the firewall, the ban policy, the
 * allow list and where state, database, scenarios, metrics and provider ranges live. Validated in the
 * compact constructors (a bad value is an {@link IllegalArgumentException} naming the setting), then
 * immutable and thread-safe.
 *
 * <p>It is built either from the command line ({@code --log}, {@code --firewall}, ...) or from the
 * YAML file of {@code --config} by the config reader.
 *
 * @param sources the logs to follow; at least one, no file twice, at most one stdin
 * @param firewall which firewall to change and how
 * @param bans how long bans last and what is banned
 * @param allow what is never banned besides this host's own addresses and loopback
 * @param stateDir the state directory (checkpoints, default SQLite store, ranges)
 * @param storeUrl the JDBC URL of the store, or null for the SQLite file in {@code stateDir}
 * @param scenarios the detection YAML, or null for the built-in scenarios
 * @param metrics where the Prometheus endpoint listens, or null for none
 * @param ranges the providers' range files (owner attribution), or null for {@code stateDir/ranges}
 *     when present
 */
public record WatchConfig(
    List<Source> sources,
    Firewall firewall,
    Bans bans,
    Allow allow,
    Path stateDir,
    String storeUrl,
    Path scenarios,
    InetSocketAddress metrics,
    Path ranges) {

  public WatchConfig {
    Objects.requireNonNull(sources, "sources");
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources: at least one log source is needed");
    }
    Set<String> names = new HashSet<>();
    for (Source s : sources) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("sources: " + s.name() + " is listed twice");
      }
    }
    require(firewall != null, "firewall: missing");
    require(bans != null, "bans: missing");
    require(allow != null, "allow: missing");
    require(stateDir != null, "state: the state directory is missing");
    if (storeUrl != null) {
      String url = storeUrl.toLowerCase(Locale.ROOT);
      require(url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:postgresql:"),
          "store: expected jdbc:sqlite:FILE or jdbc:postgresql://..., got a URL of another kind");
    }
  }

  /** The store's JDBC URL: the configured one, else the SQLite file {@code abuseloop.db} in the state directory. */
  public String effectiveStoreUrl() {
    return storeUrl != null ? storeUrl : "jdbc:sqlite:" + stateDir.resolve("abuseloop.db").toAbsolutePath();
  }

  /** The kinds of log source. */
  public enum SourceKind {
    /** A log file, followed across rotation, resumed from its checkpoint. */
    FILE,
    /** The systemd journal through {@code journalctl -f -o json}, resumed from its cursor. */
    JOURNAL,
    /** A syslog receiver on a UDP socket (RFC 3164 and 5424). */
    SYSLOG_UDP,
    /** A syslog receiver on a TCP socket (octet counting or newline framing). */
    SYSLOG_TCP,
    /** The standard input. */
    STDIN
  }

  /**
   * One log source. Immutable and thread-safe.
   *
   * @param kind what is read
   * @param path the file, for {@link SourceKind#FILE} only
   * @param address where a syslog receiver listens, for the SYSLOG kinds only (loopback by default)
   * @param service every line's service, or null to tell it from each line (syslog program, envelope)
   * @param zone the zone of timestamps without an offset
   */
  public record Source(SourceKind kind, Path path, InetSocketAddress address, Service service, ZoneId zone) {

    public Source {
      require(kind != null, "sources: a source without a kind");
      require(zone != null, "sources: a source without a time zone");
      boolean file = kind == SourceKind.FILE;
      boolean syslog = kind == SourceKind.SYSLOG_UDP || kind == SourceKind.SYSLOG_TCP;
      require(file == (path != null), "sources: " + (file ? "a file source needs a path" : kind + " takes no path"));
      require(syslog == (address != null),
          "sources: " + (syslog ? kind + " needs a listen address" : kind + " takes no listen address"));
      if (syslog) {
        require(address.getPort() > 0, "sources: " + kind + " needs a port from 1 to 65535, got " + address.getPort());
      }
    }

    /** A log file read as {@code service} (null: told from each line), zone {@code zone}. */
    public static Source file(Path path, Service service, ZoneId zone) {
      return new Source(SourceKind.FILE, path, null, service, zone);
    }

    /** A syslog receiver of {@code kind} (SYSLOG_UDP or SYSLOG_TCP) on {@code address}. */
    public static Source syslog(SourceKind kind, InetSocketAddress address, Service service, ZoneId zone) {
      return new Source(kind, null, address, service, zone);
    }

    /**
     * The source's stable name: the key of its checkpoint and its label in logs and metrics, e.g.
     * {@code file:/var/log/auth.log}, {@code journal}, {@code syslog-udp:127.0.0.1:514}, {@code stdin}.
     */
    public String name() {
      return switch (kind) {
        case FILE -> "file:" + path.toAbsolutePath().normalize();
        case JOURNAL -> "journal";
        case SYSLOG_UDP -> "syslog-udp:" + address.getHostString() + ":" + address.getPort();
        case SYSLOG_TCP -> "syslog-tcp:" + address.getHostString() + ":" + address.getPort();
        case STDIN -> "stdin";
      };
    }
  }

  /** The firewall technologies {@code watch} can drive; NONE decides and records bans but blocks nothing. */
  public enum FirewallBackend { NFTABLES, IPSET, IPTABLES, NONE }

  /**
   * Which firewall to change. Immutable and thread-safe.
   *
   * @param backend the technology (nftables by default)
   * @param table the nftables table name, also the prefix of ipset set names: 1 to 12 of {@code a-z0-9_},
   *     starting with a letter
   * @param dryRun print what would change instead of changing it
   */
  public record Firewall(FirewallBackend backend, String table, boolean dryRun) {

    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,11}");

    public Firewall {
      require(backend != null, "firewall.backend: missing (nftables, ipset, iptables or none)");
      require(table != null && TABLE.matcher(table).matches(),
          "firewall.table: must be 1 to 12 of a-z, 0-9, _ starting with a letter, got '" + table + "'");
    }

    /** nftables, table {@code abuseloop}, for real. */
    public static Firewall defaults() {
      return new Firewall(FirewallBackend.NFTABLES, "abuseloop", false);
    }
  }

  /**
   * How long bans last and what is banned. A source's n-th offense is banned for
   * {@code banTime * factor^(n-1)}, at most {@code cap}. Immutable and thread-safe.
   *
   * @param banTime the first ban's length (default 10 minutes)
   * @param factor the escalation factor per repeated offense, at least 1 (default 2)
   * @param cap the longest ban (default one week)
   * @param prefixBans ban a whole prefix when a PREFIX scenario fires (default on)
   * @param ipv4Prefix the IPv4 prefix length of prefix bans, 16 to 32 (default 24)
   * @param ipv6Prefix the IPv6 prefix length of prefix bans, 32 to 128 (default 64)
   */
  public record Bans(Duration banTime, double factor, Duration cap, boolean prefixBans, int ipv4Prefix, int ipv6Prefix) {

    public Bans {
      require(banTime != null && !banTime.isNegative() && !banTime.isZero(), "bans.time: must be positive, got " + banTime);
      require(Double.isFinite(factor) && factor >= 1, "bans.factor: must be a number of at least 1, got " + factor);
      require(cap != null && cap.compareTo(banTime) >= 0, "bans.cap: must be at least bans.time (" + banTime + "), got " + cap);
      require(ipv4Prefix >= 16 && ipv4Prefix <= 32,
          "bans.ipv4-prefix: must be 16 to 32 (the firewall refuses wider bans), got " + ipv4Prefix);
      require(ipv6Prefix >= 32 && ipv6Prefix <= 128,
          "bans.ipv6-prefix: must be 32 to 128 (the firewall refuses wider bans), got " + ipv6Prefix);
    }

    /** 10 minutes, doubling per repeated offense, at most a week, prefix bans on at /24 and /64. */
    public static Bans defaults() {
      return new Bans(Duration.ofMinutes(10), 2, Duration.ofDays(7), true, 24, 64);
    }

    /** The ban length of a source's {@code offenses}-th offense (1 for the first): escalated and capped. */
    public Duration lengthFor(int offenses) {
      if (offenses < 1) {
        throw new IllegalArgumentException("offenses start at 1, got " + offenses);
      }
      double millis = banTime.toMillis() * Math.pow(factor, offenses - 1);
      if (!(millis < cap.toMillis())) { // also catches overflow to infinity
        return cap;
      }
      return Duration.ofMillis(Math.max(1, Math.round(millis)));
    }
  }

  /**
   * What is never banned besides this host's own addresses and loopback. Immutable and thread-safe.
   *
   * @param cidrs prefixes never banned
   * @param allowPrivate let private ranges (RFC 1918, CGNAT, link-local, ULA) be detected and banned
   */
  public record Allow(List<IpPrefix> cidrs, boolean allowPrivate) {

    public Allow {
      require(cidrs != null, "allow: missing list of CIDRs");
      cidrs = List.copyOf(cidrs);
    }

    /** Nothing allowed beyond the built-in loopback, own addresses and private ranges. */
    public static Allow defaults() {
      return new Allow(List.of(), false);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
