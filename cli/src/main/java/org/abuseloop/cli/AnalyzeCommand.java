package org.abuseloop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.abuseloop.analysis.BreakdownBuilder;
import org.abuseloop.core.Event;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Service;
import org.abuseloop.core.outbox.ProviderScore;
import org.abuseloop.report.outbox.Scoreboard;
import org.abuseloop.store.Store;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.core.Family;
import org.abuseloop.logs.LogChain;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.RotatedLog;
import org.abuseloop.logs.attempt.SameAttempt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abuseloop analyze}: parses old logs, runs the detector over them and attributes the sources,
 * then prints the incidents and where the attacks came from (text or JSON) and optionally writes the
 * HTML page. The inputs are merged by event time (a rotated set of one log read oldest first as one
 * input), so the detector sees one timeline across services and hosts, and the lines one failed attempt
 * writes (Asterisk's NOTICE and SECURITY event, Dovecot's auth and login lines) count once.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Detect and attribute attacks in old logs: incidents, ports, sources, providers, days.")
final class AnalyzeCommand implements Callable<Integer> {

  enum Format { text, json }

  @Option(names = "--format", description = "text (default) or json")
  Format format = Format.text;

  @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML page")
  Path html;

  @Option(names = "--zone", description = "zone of timestamps without an offset, and of days (default: the host's)")
  ZoneId zone = ZoneId.systemDefault();

  @Option(names = "--ranges", paramLabel = "DIR", description = "providers' range files (default: STATE/ranges when present)")
  Path ranges;

  @Option(names = "--state", paramLabel = "DIR", description = "state directory (default: ~/.local/state/abuseloop)")
  Path state;

  @Option(names = "--store", paramLabel = "JDBC_URL",
      description = "with --html: add how the abuse desks answered the reports in this store's outbox")
  String store;

  @Option(names = "--config", paramLabel = "FILE", description = "detection YAML (default: the built-in scenarios)")
  Path config;

  @Option(names = "--service", converter = ServiceConverter.class, description = "read every line as this service")
  Service service;

  @Option(names = "--top", description = "how many of the busiest sources to list (default: ${DEFAULT-VALUE})")
  int top = 20;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files (plain or gzip) or directories")
  List<Path> files;

  /**
   * This command read from {@code args} without picocli, or null when they use anything but plain
   * options ({@code --name value} or {@code --name=value}, each at most once, {@code --format} exactly
   * {@code text} or {@code json}, {@code --top} decimal digits, values and files not starting with
   * {@code -} or {@code @}); picocli then reads them, with its help, its checks and its messages. As for
   * {@link ParseCommand#fromPlainArguments}: picocli builds its model by reflection, a fifth of a second
   * of a short run; for the arguments this accepts, the fields set are those picocli sets
   * ({@code AnalyzeCommandTest}).
   */
  static AnalyzeCommand fromPlainArguments(String... args) {
    if (args.length < 2 || !"analyze".equals(args[0])) {
      return null;
    }
    AnalyzeCommand c = new AnalyzeCommand();
    c.files = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (!a.startsWith("-")) {
          if (a.startsWith("@") || a.isEmpty()) {
            return null;
          }
          c.files.add(Path.of(a));
          continue;
        }
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        String value = eq >= 0 ? a.substring(eq + 1) : ++i < args.length ? args[i] : null;
        if (value == null || value.isEmpty() || value.startsWith("-") || value.startsWith("@") || !seen.add(name)
            || !c.setPlain(name, value)) {
          return null;
        }
      }
    } catch (InvalidPathException | DateTimeException e) {
      return null;
    }
    return c.files.isEmpty() ? null : c;
  }

  /** Sets one option as picocli would; false for an option or value this plain reading leaves to picocli. */
  private boolean setPlain(String name, String value) {
    switch (name) {
      case "--format" -> {
        if (!value.equals("text") && !value.equals("json")) {
          return false;
        }
        format = Format.valueOf(value);
      }
      case "--zone" -> zone = ZoneId.of(value);
      case "--html" -> html = Path.of(value);
      case "--ranges" -> ranges = Path.of(value);
      case "--state" -> state = Path.of(value);
      case "--config" -> config = Path.of(value);
      case "--store" -> store = value;
      case "--service" -> {
        service = Service.byId(value);
        return service != null;
      }
      case "--top" -> {
        if (value.length() > 9) {
          return false;
        }
        for (int i = 0; i < value.length(); i++) {
          if (value.charAt(i) < '0' || value.charAt(i) > '9') {
            return false;
          }
        }
        top = Integer.parseInt(value);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Runs this command as picocli would: its exit code, or 2 and one line on stderr when it fails. */
  int callReportingFailure() {
    try {
      return call();
    } catch (Exception e) {
      return FailureHandler.report(e, new PrintWriter(System.err, true));
    }
  }

  @Override
  public Integer call() throws IOException {
    List<RotatedLog> logs = AttemptReplay.logs(files);
    RangeOwners owners = RangeOwners.load(ranges, state);
    DetectionConfig detection = config == null ? DetectionConfig.defaults() : DetectionConfig.load(config);
    Detector detector = Detector.builder(detection).hostAddresses(HostAddresses.local()).ownerLookup(owners::ownerName).build();
    Analysis run = new Analysis(new BreakdownBuilder(zone), detector);
    LogParser parser = new LogParser(ParserCatalog.standard(), zone, service);
    SameAttempt fold;
    Map<Path, AnalysisResult.FileStats> read = new HashMap<>();
    try (ProgressBar bar = ProgressBar.forTerminal(totalBytes(logs))) {
      List<LogChain> chains = new ArrayList<>();
      for (RotatedLog log : logs) {
        chains.add(new LogChain(parser, log, file -> new CountingInputStream(Files.newInputStream(file), bar.counter()),
            (file, stats) -> read.put(file, new AnalysisResult.FileStats(file.toString(), String.valueOf(stats.format()), stats))));
      }
      fold = AttemptReplay.replay(chains, run::accept);
    }
    for (RotatedLog log : logs) {
      log.files().forEach(f -> run.fileDone(read.get(f)));
    }
    run.folded(fold);
    AnalysisResult result = run.finish(owners, top);
    if (html != null) {
      Files.writeString(html, store == null ? new AnalysisPage(zone).render(result) : deskPage(result, store));
    }
    if (format == Format.json) {
      new AnalysisJson().write(result, System.out);
    } else {
      new AnalysisText(zone, System.out).print(result);
    }
    if (html != null && format == Format.text) {
      System.out.println("HTML report: " + html.toAbsolutePath());
    }
    return 0;
  }

  // The page with the outbox's desk scores and its reports per kind of channel.
  private String deskPage(AnalysisResult result, String url) {
    try (Store s = Store.open(url)) {
      List<org.abuseloop.core.outbox.ReportEntry> reports = s.outbox().reports();
      List<ProviderScore> scores = new Scoreboard().scores(reports);
      return new AnalysisPage(zone).render(result, scores, new Scoreboard().channels(reports));
    }
  }

  private static long totalBytes(List<RotatedLog> logs) throws IOException {
    long n = 0;
    for (RotatedLog log : logs) {
      for (Path p : log.files()) {
        n += Files.size(p);
      }
    }
    return n;
  }
  /** The state of one analysis run: the breakdown being counted, the detector, incidents closed so far. */
  private static final class Analysis {
    private final BreakdownBuilder breakdown;
    private final Detector detector;
    private final List<Incident> closed = new ArrayList<>();
    private final List<AnalysisResult.FileStats> files = new ArrayList<>();
    private final ParseStats total = new ParseStats();
    private long folded;
    private Map<Family, Long> foldedByFamily = Map.of();

    Analysis(BreakdownBuilder breakdown, Detector detector) {
      this.breakdown = breakdown;
      this.detector = detector;
    }

    void accept(Event e) {
      breakdown.accept(e);
      keepClosed(detector.accept(e));
    }

    void fileDone(AnalysisResult.FileStats stats) {
      files.add(stats);
      total.add(stats.stats());
    }

    void folded(SameAttempt fold) {
      folded = fold.folded();
      foldedByFamily = fold.foldedByFamily();
    }

    private void keepClosed(List<Incident> changed) {
      for (int k = 0, n = changed.size(); k < n; k++) { // by index: no iterator per event
        Incident i = changed.get(k);
        if (!i.active()) {
          closed.add(i);
        }
      }
    }

    AnalysisResult finish(RangeOwners owners, int top) {
      keepClosed(detector.flush());
      closed.sort(Comparator.comparing(Incident::first).thenComparing(Incident::scenario));
      return new AnalysisResult(files, total, folded, foldedByFamily, breakdown.build(owners, top), closed, owners);
    }
  }
}
