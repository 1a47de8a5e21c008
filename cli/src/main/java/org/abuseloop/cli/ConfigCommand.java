package org.abuseloop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.cli.watch.WatchConfig;
import org.abuseloop.cli.watch.WatchConfigException;
import org.abuseloop.cli.watch.WatchConfigReader;
import org.abuseloop.detect.DetectionConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop config check FILE}: validates a watch configuration as {@code watch --config}
 * would, and its {@code report:} section as the report commands' {@code --config} would (a file holding
 * only that section is checked as such), printing {@code ok} and a one-screen summary, or every problem
 * with its path and line and exiting 2. One run per instance, as picocli creates it.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a watch configuration file.",
    subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate FILE (every problem, with its path and line) and summarise what watch would run.")
  static final class Check implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the YAML configuration of 'abuseloop watch --config'")
    Path file;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<String> problems = new ArrayList<>();
      List<String> summary = new ArrayList<>();
      // A file holding only a report: section is the outbox's configuration, not a watch one.
      if (!ReportConfigReader.onlySection(file)) {
        try {
          summary.addAll(summary(WatchConfigReader.read(file, StateDirectory.resolve(null))));
        } catch (WatchConfigException e) {
          problems.addAll(e.problems());
        }
      }
      if (ReportConfigReader.hasSection(file)) {
        try {
          summary.addAll(reportSummary(ReportConfigReader.read(file)));
        } catch (ReportConfigException e) {
          problems.addAll(e.problems());
        }
      }
      if (!problems.isEmpty()) {
        err.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        for (String p : problems) {
          err.println("  " + p);
        }
        err.flush();
        return 2;
      }
      out.println("ok: " + file);
      summary.forEach(out::println);
      out.flush();
      return 0;
    }
  }

  /** A few lines saying what the report commands would use. */
  static List<String> reportSummary(ReportConfig c) {
    return List.of(
        "  report:    mode " + (c.mode() == null ? "approval (default)" : c.mode().name().toLowerCase(java.util.Locale.ROOT))
            + ", from " + orNone(c.from()) + (c.replyTo() == null ? "" : ", reply-to " + c.replyTo()),
        "  smtp:      " + server(c.smtp()),
        "  imap:      " + server(c.imap()) + (c.imap().folder() == null ? "" : ", folder " + c.imap().folder()),
        "  limits:    " + (c.perContactPerDay() == null ? "4 (default)" : c.perContactPerDay()) + " a contact a day, batch "
            + (c.batchPeriod() == null ? "1h (default)" : text(c.batchPeriod())) + ", "
            + (c.maxAttempts() == null ? "12 (default)" : c.maxAttempts()) + " attempts");
  }

  private static String server(ReportConfig.Server s) {
    if (s.host() == null) {
      return "(not configured: flags needed)";
    }
    String password = s.passwordFile() != null ? "password from " + s.passwordFile()
        : s.passwordEnv() != null ? "password from $" + s.passwordEnv() : "password from the default variable";
    return s.host() + (s.port() == null ? "" : ":" + s.port()) + ", "
        + (s.security() == null ? "default security" : s.security().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        + (s.user() == null ? ", no login" : ", user " + s.user() + ", " + password);
  }

  private static String orNone(String s) {
    return s == null ? "(not set)" : s;
  }

  /** A few lines saying what {@code watch} would run with. */
  static List<String> summary(WatchConfig c) {
    WatchConfig.Bans b = c.bans();
    String sources = String.join(", ", c.sources().stream()
        .map(s -> s.name() + (s.service() == null ? "" : " [" + s.service().id() + "]") + " zone " + s.zone()).toList());
    String firewall = c.firewall().backend().name().toLowerCase(java.util.Locale.ROOT) + ", table " + c.firewall().table()
        + (c.firewall().dryRun() ? ", dry run (prints, changes nothing)" : "");
    String bans = "first " + text(b.banTime()) + ", x" + trim(b.factor()) + " per repeat offense, at most " + text(b.cap())
        + (b.prefixBans() ? "; prefix bans /" + b.ipv4Prefix() + " and /" + b.ipv6Prefix() : "; no prefix bans");
    String allow = (c.allow().cidrs().isEmpty() ? "no CIDRs" : c.allow().cidrs().size() + " CIDRs " + c.allow().cidrs())
        + " besides loopback and this host's addresses; private ranges " + (c.allow().allowPrivate() ? "bannable" : "never banned");
    return List.of(
        "  sources:   " + c.sources().size() + ": " + sources,
        "  firewall:  " + firewall,
        "  bans:      " + bans,
        "  allow:     " + allow,
        "  state:     " + c.stateDir(),
        "  store:     " + (c.storeUrl() == null ? c.effectiveStoreUrl() : redact(c.storeUrl())),
        "  scenarios: " + scenarios(c.scenarios()),
        "  metrics:   " + (c.metrics() == null ? "off" : "http://" + host(c.metrics()) + "/metrics"),
        "  ranges:    " + (c.ranges() == null ? StateDirectory.ranges(c.stateDir()) + " when present" : c.ranges().toString()));
  }

  private static String scenarios(Path file) {
    try {
      DetectionConfig d = file == null ? DetectionConfig.defaults() : DetectionConfig.load(file);
      return (file == null ? "built-in" : file.toString()) + " (" + d.scenarios().size() + " scenarios)";
    } catch (java.io.IOException e) {
      return file + " (unreadable: " + e.getMessage() + ")";
    }
  }

  private static String host(java.net.InetSocketAddress a) {
    String h = a.getAddress().getHostAddress();
    return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String text(java.time.Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
