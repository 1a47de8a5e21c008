package org.abuseloop.cli;

import static org.abuseloop.cli.watch.YamlValues.absent;
import static org.abuseloop.cli.watch.YamlValues.kind;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.abuseloop.cli.watch.YamlLocations;
import org.abuseloop.cli.watch.YamlValues;
import org.abuseloop.detect.DurationText;
import org.abuseloop.detect.YamlPosition;
import org.abuseloop.report.outbox.MailServer;
import org.abuseloop.report.outbox.OutboxPolicy;

/**
 * Reads the {@code report:} section of a configuration file (the file {@code watch --config} reads, or
 * one holding only this section) into a {@link ReportConfig}, as strictly as the watch configuration:
 * duplicate and unknown keys refused, every problem collected with its path and line and column, relative
 * password files taken from the file's folder, and a password written in the file refused (the file is
 * often readable by others and kept in version control). Other top-level keys are left to the watch
 * reader. Not thread-safe: one reader per document.
 */
final class ReportConfigReader {

  static final Set<String> SECTION = Set.of("from", "reply-to", "copy-to", "organisation", "store", "trust-host",
      "smtp", "imap", "mode", "limits", "abuseipdb", "msrc", "forms-dir");
  static final Set<String> API = Set.of("url", "key-file", "key-env", "key");
  static final Set<String> SERVER = Set.of("host", "port", "security", "user", "password-file", "password-env",
      "password");
  static final Set<String> IMAP = Set.of("host", "port", "security", "user", "password-file", "password-env",
      "password", "folder");
  static final Set<String> LIMITS = Set.of("per-contact-per-day", "batch-period", "max-attempts");
  static final List<String> SECURITY = List.of("starttls", "starttls-optional", "tls", "none");

  private static final YAMLMapper MAPPER = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String origin;
  private final Path base;
  private final List<String> problems = new ArrayList<>();
  private YamlLocations locations;

  ReportConfigReader(String origin, Path base) {
    this.origin = origin;
    this.base = base;
  }

  /**
   * The {@code report:} section of {@code file}, or {@link ReportConfig#EMPTY} when it has none.
   *
   * @throws ReportConfigException naming the file and every bad path
   */
  static ReportConfig read(Path file) throws IOException {
    String yaml = Files.readString(file, StandardCharsets.UTF_8);
    return new ReportConfigReader(file.toString(), file.toAbsolutePath().getParent()).parse(yaml);
  }

  /** True when {@code file} is YAML with a top-level {@code report} key. */
  static boolean hasSection(Path file) throws IOException {
    try {
      JsonNode root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return root != null && root.isObject() && root.has("report");
    } catch (JacksonException e) {
      return false;
    }
  }

  /** True when {@code file} holds nothing but a {@code report} section. */
  static boolean onlySection(Path file) throws IOException {
    try {
      JsonNode root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return root != null && root.isObject() && root.size() == 1 && root.has("report");
    } catch (JacksonException e) {
      return false;
    }
  }

  ReportConfig parse(String yaml) {
    locations = YamlLocations.of(yaml);
    JsonNode root;
    try {
      root = yaml.isBlank() ? null : MAPPER.readTree(yaml);
    } catch (JacksonException e) {
      String msg = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new ReportConfigException(origin, List.of("not valid YAML: " + msg + YamlPosition.at(e.getLocation())));
    } catch (IOException e) {
      throw new ReportConfigException(origin, List.of("not readable: " + e.getMessage()));
    }
    JsonNode section = root == null || !root.isObject() ? null : root.get("report");
    if (absent(section)) {
      return ReportConfig.EMPTY;
    }
    if (!mapping(section, "report", SECTION)) {
      throw new ReportConfigException(origin, problems);
    }
    String from = address(section.get("from"), "report.from");
    String replyTo = address(section.get("reply-to"), "report.reply-to");
    String copyTo = address(section.get("copy-to"), "report.copy-to");
    String organisation = text(section.get("organisation"), "report.organisation");
    String store = store(section.get("store"));
    String trustHost = text(section.get("trust-host"), "report.trust-host");
    ReportConfig.Server smtp = server(section.get("smtp"), "report.smtp", SERVER);
    ReportConfig.Server imap = server(section.get("imap"), "report.imap", IMAP);
    OutboxPolicy.Mode mode = mode(section.get("mode"));
    JsonNode limits = section.get("limits");
    Duration period = null;
    Integer perDay = null;
    Integer attempts = null;
    if (!absent(limits) && mapping(limits, "report.limits", LIMITS)) {
      period = duration(limits.get("batch-period"), "report.limits.batch-period");
      perDay = integer(limits.get("per-contact-per-day"), "report.limits.per-contact-per-day", 1, 1000);
      attempts = integer(limits.get("max-attempts"), "report.limits.max-attempts", 1, 1000);
    }
    ReportConfig.Api abuseIpdb = api(section.get("abuseipdb"), "report.abuseipdb");
    ReportConfig.Api msrc = api(section.get("msrc"), "report.msrc");
    String forms = text(section.get("forms-dir"), "report.forms-dir");
    if (!problems.isEmpty()) {
      throw new ReportConfigException(origin, problems);
    }
    return new ReportConfig(from, replyTo, copyTo, organisation, store, trustHost, smtp, imap, mode, period, perDay,
        attempts, abuseIpdb, msrc, forms == null ? null : base == null ? Path.of(forms) : base.resolve(forms));
  }

  // A reporting API: its URL (https, or http on loopback only: the key travels in a header) and where its
  // key is; a key written in the file is refused like a password.
  private ReportConfig.Api api(JsonNode node, String at) {
    if (absent(node) || !mapping(node, at, API)) {
      return ReportConfig.Api.EMPTY;
    }
    URI url = url(node.get("url"), at + ".url");
    if (!absent(node.get("key"))) {
      problem(at + ".key", "an API key is not kept in the configuration file in clear: put it in a file "
          + "readable only by abuseloop (key-file) or an environment variable (key-env)");
    }
    Path keyFile = passwordFile(node.get("key-file"), at + ".key-file");
    String keyEnv = text(node.get("key-env"), at + ".key-env");
    if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      problem(at + ".key-env", "not an environment variable name: '" + keyEnv + "'");
    }
    if (keyFile != null && keyEnv != null) {
      problem(at, "give key-file or key-env, not both");
    }
    return new ReportConfig.Api(url, keyFile, keyEnv);
  }

  private URI url(JsonNode node, String at) {
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    URI u;
    try {
      u = new URI(t);
    } catch (URISyntaxException e) {
      problem(at, "not a URL: '" + t + "'");
      return null;
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null || !scheme.equals("https") && !scheme.equals("http")) {
      problem(at, "expected an https:// URL, got '" + t + "'");
      return null;
    }
    if (scheme.equals("http") && !loopback(u.getHost())) {
      problem(at, "http is only for a server on loopback; " + u.getHost() + " needs https (the key is sent)");
      return null;
    }
    return u;
  }

  private ReportConfig.Server server(JsonNode node, String at, Set<String> keys) {
    if (absent(node) || !mapping(node, at, keys)) {
      return ReportConfig.Server.EMPTY;
    }
    String host = text(node.get("host"), at + ".host");
    Integer port = integer(node.get("port"), at + ".port", 1, 65535);
    MailServer.Security security = security(node.get("security"), at + ".security");
    String user = text(node.get("user"), at + ".user");
    if (!absent(node.get("password"))) {
      problem(at + ".password", "a password is not kept in the configuration file in clear: put it in a file "
          + "readable only by abuseloop (password-file) or an environment variable (password-env)");
    }
    Path passwordFile = passwordFile(node.get("password-file"), at + ".password-file");
    String passwordEnv = text(node.get("password-env"), at + ".password-env");
    if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      problem(at + ".password-env", "not an environment variable name: '" + passwordEnv + "'");
    }
    if (passwordFile != null && passwordEnv != null) {
      problem(at, "give password-file or password-env, not both");
    }
    if (user == null && (passwordFile != null || passwordEnv != null)) {
      problem(at + ".user", "missing: a password is configured, but no user to log in as");
    }
    if (host == null && node.size() > 0) {
      problem(at + ".host", "missing: the server's host name or address");
    }
    if (security == MailServer.Security.STARTTLS_OPTIONAL && user != null && !loopback(host)) {
      problem(at + ".security", "starttls-optional with a user would send the password in clear to a server that "
          + "offers no STARTTLS: use starttls or tls");
    }
    if (security == MailServer.Security.NONE && host != null && !loopback(host)) {
      problem(at + ".security", "none is only for a server on loopback; " + host + " needs starttls or tls");
    }
    String folder = keys.contains("folder") ? text(node.get("folder"), at + ".folder") : null;
    return new ReportConfig.Server(host, port, security, user, passwordFile, passwordEnv, folder);
  }

  private Path passwordFile(JsonNode node, String at) {
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    Path p = base == null ? Path.of(t) : base.resolve(t);
    if (!Files.isReadable(p)) {
      problem(at, "cannot read " + p);
    }
    return p;
  }

  private String store(JsonNode node) {
    String t = text(node, "report.store");
    if (t != null && !t.startsWith("jdbc:sqlite:") && !t.startsWith("jdbc:postgresql:")) {
      problem("report.store", "expected jdbc:sqlite:FILE or jdbc:postgresql://..., got '" + t + "'");
      return null;
    }
    return t;
  }

  private OutboxPolicy.Mode mode(JsonNode node) {
    String t = text(node, "report.mode");
    if (t == null) {
      return null;
    }
    for (OutboxPolicy.Mode m : OutboxPolicy.Mode.values()) {
      if (m.name().equalsIgnoreCase(t)) {
        return m;
      }
    }
    problem("report.mode", "unknown value '" + t + "' (one of approval, automatic)");
    return null;
  }

  private MailServer.Security security(JsonNode node, String at) {
    String t = text(node, at);
    if (t == null) {
      return null;
    }
    int i = SECURITY.indexOf(t.toLowerCase(Locale.ROOT));
    if (i < 0) {
      problem(at, "unknown value '" + t + "' (one of " + String.join(", ", SECURITY) + ")");
      return null;
    }
    return List.of(MailServer.Security.STARTTLS, MailServer.Security.STARTTLS_OPTIONAL, MailServer.Security.TLS,
        MailServer.Security.NONE).get(i);
  }

  private String address(JsonNode node, String at) {
    String t = text(node, at);
    if (t != null && !t.matches("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+")) {
      problem(at, "not one e-mail address: '" + t + "'");
      return null;
    }
    return t;
  }

  private Duration duration(JsonNode node, String at) {
    String t = absent(node) ? null : node.asText();
    if (t == null) {
      return null;
    }
    Duration d = t.equals("0") ? Duration.ZERO : DurationText.parse(t);
    if (d == null) {
      problem(at, "not a duration: '" + t + "' (e.g. 0, 30m, 1h, PT1H)");
      return null;
    }
    if (d.isNegative()) {
      problem(at, "must not be negative, got " + t);
      return null;
    }
    return d;
  }

  private Integer integer(JsonNode node, String at, int min, int max) {
    return YamlValues.integer(node, at, min, max, this::problem);
  }

  private String text(JsonNode node, String at) {
    if (absent(node)) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problem(at, "expected a text value, got " + kind(node));
      return null;
    }
    return node.asText().strip();
  }

  private boolean mapping(JsonNode node, String at, Set<String> known) {
    if (node == null || !node.isObject()) {
      problem(at, "expected a mapping of keys (" + String.join(", ", new TreeSet<>(known)) + ")");
      return false;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(at + "." + name, "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
    return true;
  }

  private void problem(String path, String message) {
    problems.add(path + ": " + message + locations.at(path));
  }

  private static boolean loopback(String host) {
    return host != null && (host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1")
        || host.equals("[::1]"));
  }
}
