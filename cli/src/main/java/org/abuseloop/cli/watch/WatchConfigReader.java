package org.abuseloop.cli.watch;

import static org.abuseloop.cli.watch.YamlValues.absent;
import static org.abuseloop.cli.watch.YamlValues.kind;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.abuseloop.cli.watch.WatchConfig.Allow;
import org.abuseloop.cli.watch.WatchConfig.Bans;
import org.abuseloop.cli.watch.WatchConfig.Firewall;
import org.abuseloop.cli.watch.WatchConfig.FirewallBackend;
import org.abuseloop.cli.watch.WatchConfig.Source;
import org.abuseloop.cli.watch.WatchConfig.SourceKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.abuseloop.detect.ConfigException;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.DurationText;
import org.abuseloop.detect.YamlPosition;

/**
 * Reads the YAML file of {@code abuseloop watch --config FILE} into a {@link WatchConfig}. The same
 * Jackson YAML library and strictness as detect's scenario reader (duplicate keys refused), but the
 * document is walked as a tree so that every problem is collected, not only the first, each with its
 * path and line and column; relative paths are taken from the file's folder, and a scenarios file is
 * validated by detect's own reader. Not thread-safe: one reader per document.
 */
public final class WatchConfigReader {

  static final Set<String> TOP = Set.of("sources", "firewall", "bans", "allow", "state", "store", "scenarios", "metrics", "ranges",
      "report");
  static final Set<String> SOURCE = Set.of("kind", "path", "listen", "service", "zone");
  static final Set<String> FIREWALL = Set.of("backend", "table", "dry-run");
  static final Set<String> BANS = Set.of("time", "factor", "cap", "prefix-bans", "ipv4-prefix", "ipv6-prefix");
  static final Set<String> ALLOW = Set.of("cidrs", "private");
  static final Set<String> METRICS = Set.of("listen");

  private static final YAMLMapper MAPPER = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String origin;
  private final Path base;
  private final Path defaultState;
  private final List<String> problems = new ArrayList<>();
  private YamlLocations locations;

  WatchConfigReader(String origin, Path base, Path defaultState) {
    this.origin = origin;
    this.base = base;
    this.defaultState = defaultState;
  }

  /**
   * Reads and validates {@code file}; {@code defaultState} is the state directory used when the file
   * names none.
   *
   * @throws WatchConfigException naming the file and every bad path
   */
  public static WatchConfig read(Path file, Path defaultState) throws IOException {
    String yaml = Files.readString(file, StandardCharsets.UTF_8);
    Path folder = file.toAbsolutePath().getParent();
    return new WatchConfigReader(file.toString(), folder, defaultState).parse(yaml);
  }

  /** Every key a configuration file may hold, top-level and nested, sorted (documentation checks use it). */
  public static List<String> keys() {
    Set<String> all = new TreeSet<>(TOP);
    for (Set<String> nested : List.of(SOURCE, FIREWALL, BANS, ALLOW, METRICS)) {
      all.addAll(nested);
    }
    return List.copyOf(all);
  }

  WatchConfig parse(String yaml) {
    locations = YamlLocations.of(yaml);
    JsonNode root = tree(yaml);
    if (root == null) {
      throw failure();
    }
    mapping(root, "", TOP);
    List<Source> sources = sources(root.get("sources"));
    Firewall firewall = firewall(root.get("firewall"));
    Bans bans = bans(root.get("bans"));
    Allow allow = allow(root.get("allow"));
    Path state = orElse(path(root.get("state"), "state"), defaultState);
    String store = text(root.get("store"), "store");
    Path scenarios = scenarios(root.get("scenarios"));
    InetSocketAddress metrics = metrics(root.get("metrics"));
    Path ranges = path(root.get("ranges"), "ranges");
    if (!problems.isEmpty()) {
      throw failure();
    }
    WatchConfig config = build("", () -> new WatchConfig(sources, firewall, bans, allow, state, store, scenarios, metrics, ranges));
    if (config == null) {
      throw failure();
    }
    return config;
  }

  private JsonNode tree(String yaml) {
    if (yaml.isBlank()) {
      problems.add("empty document: at least 'sources' is needed");
      return null;
    }
    try {
      JsonNode root = MAPPER.readTree(yaml);
      if (root == null || !root.isObject()) {
        problems.add("(document): expected a mapping of keys (" + String.join(", ", new TreeSet<>(TOP)) + ")");
        return null;
      }
      return root;
    } catch (JacksonException e) {
      String msg = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
      problems.add("not valid YAML: " + msg + YamlPosition.at(e.getLocation()));
      return null;
    } catch (IOException e) {
      problems.add("not readable: " + e.getMessage());
      return null;
    }
  }

  private List<Source> sources(JsonNode node) {
    List<Source> out = new ArrayList<>();
    if (absent(node)) {
      problem("sources", "missing: list at least one log source");
      return out;
    }
    if (!node.isArray() || node.isEmpty()) {
      problem("sources", "expected a list of at least one source");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = "sources[" + i + "]";
      JsonNode s = node.get(i);
      int before = problems.size();
      if (!mapping(s, at, SOURCE)) {
        continue;
      }
      SourceKind kind = choice(s.get("kind"), at + ".kind", SourceKind.class, true);
      Path path = path(s.get("path"), at + ".path");
      InetSocketAddress listen = listen(s.get("listen"), at + ".listen", 1);
      Service service = service(s.get("service"), at + ".service");
      ZoneId zone = zone(s.get("zone"), at + ".zone");
      if (kind == null) {
        continue;
      }
      boolean file = kind == SourceKind.FILE;
      boolean syslog = kind == SourceKind.SYSLOG_UDP || kind == SourceKind.SYSLOG_TCP;
      if (file && absent(s.get("path"))) {
        problem(at, "a file source needs 'path'");
      } else if (!file && !absent(s.get("path"))) {
        problem(at + ".path", "only a file source takes a path");
      }
      if (syslog && absent(s.get("listen"))) {
        listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 514);
      } else if (!syslog && !absent(s.get("listen"))) {
        problem(at + ".listen", "only a syslog source takes a listen address");
      }
      if (problems.size() > before) {
        continue;
      }
      ZoneId z = zone == null ? ZoneId.systemDefault() : zone;
      Path p = path;
      InetSocketAddress l = syslog ? listen : null;
      Source built = build(at, () -> new Source(kind, file ? p : null, l, service, z));
      if (built != null) {
        out.add(built);
      }
    }
    return out;
  }

  private Firewall firewall(JsonNode node) {
    Firewall d = Firewall.defaults();
    int before = problems.size();
    if (absent(node) || !mapping(node, "firewall", FIREWALL)) {
      return d;
    }
    FirewallBackend backend = orElse(choice(node.get("backend"), "firewall.backend", FirewallBackend.class, false), d.backend());
    String table = orElse(text(node.get("table"), "firewall.table"), d.table());
    boolean dryRun = orElse(bool(node.get("dry-run"), "firewall.dry-run"), d.dryRun());
    if (problems.size() > before) {
      return d;
    }
    return build("firewall", () -> new Firewall(backend, table, dryRun));
  }

  private Bans bans(JsonNode node) {
    Bans d = Bans.defaults();
    int before = problems.size();
    if (absent(node) || !mapping(node, "bans", BANS)) {
      return d;
    }
    Duration time = orElse(duration(node.get("time"), "bans.time"), d.banTime());
    Double factor = number(node.get("factor"), "bans.factor");
    if (factor != null && !(factor >= 1)) {
      problem("bans.factor", "must be at least 1 (1 = no escalation), got " + factor);
    }
    Duration cap = duration(node.get("cap"), "bans.cap");
    if (cap != null && cap.compareTo(time) < 0) {
      problem("bans.cap", "must be at least bans.time (" + time + "), got " + cap);
    }
    boolean prefixBans = orElse(bool(node.get("prefix-bans"), "bans.prefix-bans"), d.prefixBans());
    int v4 = orElse(integer(node.get("ipv4-prefix"), "bans.ipv4-prefix", 16, 32), d.ipv4Prefix());
    int v6 = orElse(integer(node.get("ipv6-prefix"), "bans.ipv6-prefix", 32, 128), d.ipv6Prefix());
    double f = orElse(factor, d.factor());
    Duration c = cap != null ? cap : (d.cap().compareTo(time) < 0 ? time : d.cap());
    if (problems.size() > before) {
      return d;
    }
    return build("bans", () -> new Bans(time, f, c, prefixBans, v4, v6));
  }

  private Allow allow(JsonNode node) {
    if (absent(node) || !mapping(node, "allow", ALLOW)) {
      return Allow.defaults();
    }
    List<IpPrefix> cidrs = new ArrayList<>();
    JsonNode list = node.get("cidrs");
    if (!absent(list) && !list.isArray()) {
      problem("allow.cidrs", "expected a list of addresses or CIDRs");
    } else if (!absent(list)) {
      for (int i = 0; i < list.size(); i++) {
        String at = "allow.cidrs[" + i + "]";
        String t = text(list.get(i), at);
        IpPrefix p = t == null ? null : IpPrefix.parse(t.strip());
        if (t != null && p == null) {
          problem(at, "not an address or CIDR: '" + t + "'");
        } else if (p != null) {
          cidrs.add(p);
        }
      }
    }
    boolean privates = orElse(bool(node.get("private"), "allow.private"), false);
    return build("allow", () -> new Allow(cidrs, privates));
  }

  private Path scenarios(JsonNode node) {
    Path file = path(node, "scenarios");
    if (file == null) {
      return null;
    }
    try {
      DetectionConfig.load(file);
    } catch (ConfigException e) {
      for (String p : e.problems()) {
        problems.add("scenarios: " + file + ": " + p); // detect's message locates it inside that file
      }
    } catch (IOException e) {
      problem("scenarios", "cannot read " + file + ": " + e.getMessage());
    }
    return file;
  }

  private InetSocketAddress metrics(JsonNode node) {
    if (absent(node) || !mapping(node, "metrics", METRICS)) {
      return null;
    }
    return listen(node.get("listen"), "metrics.listen", 0);
  }

  // ---- values

  /** A listen address: {@code PORT}, {@code ADDRESS:PORT} or {@code [IPv6]:PORT}; an address literal, never a name to resolve. */
  private InetSocketAddress listen(JsonNode node, String at, int minPort) {
    String t = node != null && node.isInt() ? node.asText() : text(node, at);
    if (t == null) {
      return null;
    }
    String host = "127.0.0.1";
    String port = t.strip();
    int colon = port.lastIndexOf(':');
    if (colon >= 0) {
      host = port.substring(0, colon);
      port = port.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
    }
    if (host.equals("localhost")) {
      host = "127.0.0.1";
    }
    IpAddress address = IpAddress.parse(host);
    if (address == null) {
      problem(at, "expected PORT, ADDRESS:PORT or [IPv6]:PORT with an address literal, got '" + t + "'");
      return null;
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)
        || Integer.parseInt(port) < minPort || Integer.parseInt(port) > 65535) {
      problem(at, "port out of range (" + minPort + " to 65535): '" + port + "'");
      return null;
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(address.toString()), Integer.parseInt(port));
    } catch (UnknownHostException e) {
      problem(at, "not an address: '" + host + "'");
      return null;
    }
  }

  private Service service(JsonNode node, String at) {
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    Service s = Service.byId(t.strip().toLowerCase(Locale.ROOT));
    if (s == null) {
      problem(at, "unknown service '" + t + "' (known: " + ids(Service.values()) + ")");
    }
    return s;
  }

  private ZoneId zone(JsonNode node, String at) {
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    try {
      return ZoneId.of(t.strip());
    } catch (DateTimeException e) {
      problem(at, "unknown time zone '" + t + "' (e.g. UTC, Europe/Berlin, +02:00)");
      return null;
    }
  }

  private Duration duration(JsonNode node, String at) {
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    Duration d = DurationText.parse(t);
    if (d == null) {
      problem(at, "not a duration: '" + t + "' (e.g. 90s, 10m, 1h, 7d, PT10M)");
    } else if (d.isNegative() || d.isZero()) {
      problem(at, "must be positive, got " + t);
      return null;
    }
    return d;
  }

  private <E extends Enum<E>> E choice(JsonNode node, String at, Class<E> type, boolean required) {
    if (absent(node)) {
      if (required) {
        problem(at, "missing (one of " + ids(type.getEnumConstants()) + ")");
      }
      return null;
    }
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    String name = t.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    problem(at, "unknown value '" + t + "' (one of " + ids(type.getEnumConstants()) + ")");
    return null;
  }

  private Path path(JsonNode node, String at) {
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    if (t.isBlank() || t.indexOf('\0') >= 0) {
      problem(at, "expected a file or folder path");
      return null;
    }
    Path p = Path.of(t.strip());
    return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
  }

  private String text(JsonNode node, String at) {
    if (absent(node)) {
      return null;
    }
    if (!node.isTextual()) {
      problem(at, "expected a text value, got " + kind(node));
      return null;
    }
    return node.asText();
  }

  private Boolean bool(JsonNode node, String at) {
    if (absent(node)) {
      return null;
    }
    if (!node.isBoolean()) {
      problem(at, "expected true or false, got " + kind(node));
      return null;
    }
    return node.asBoolean();
  }

  private Integer integer(JsonNode node, String at, int min, int max) {
    return YamlValues.integer(node, at, min, max, this::problem);
  }

  private Double number(JsonNode node, String at) {
    if (absent(node)) {
      return null;
    }
    if (!node.isNumber()) {
      problem(at, "expected a number, got " + kind(node));
      return null;
    }
    return node.asDouble();
  }

  /** Checks that {@code node} is a mapping with known keys only; false (and a problem) when it is no mapping. */
  private boolean mapping(JsonNode node, String at, Set<String> known) {
    if (node == null || !node.isObject()) {
      problem(at.isEmpty() ? "(document)" : at, "expected a mapping of keys (" + String.join(", ", new TreeSet<>(known)) + ")");
      return false;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(at.isEmpty() ? name : at + "." + name, "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
    return true;
  }

  /** Runs a record constructor, turning its {@code path: message} refusal into a located problem. */
  private <T> T build(String at, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage() == null ? "invalid" : e.getMessage();
      int colon = msg.indexOf(": ");
      String path = colon > 0 && !msg.substring(0, colon).contains(" ") ? msg.substring(0, colon) : at;
      String rest = colon > 0 && path.equals(msg.substring(0, colon)) ? msg.substring(colon + 2) : msg;
      problem(path.isEmpty() ? "(document)" : path, rest);
      return null;
    }
  }

  private void problem(String path, String message) {
    problems.add(path + ": " + message + locations.at(path));
  }

  private WatchConfigException failure() {
    return new WatchConfigException(origin, problems);
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String ids(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) {
      out.add(v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return String.join(", ", out);
  }
}
