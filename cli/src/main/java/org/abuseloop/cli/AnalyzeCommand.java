package org.abuseloop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
import org.abuseloop.logs.ParserCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abuseloop analyze}: parses old logs, runs the detector over them and attributes the sources,
 * then prints the incidents and where the attacks came from (text or JSON) and optionally writes the
 * HTML page. Files are read oldest first (by modification time), so rotated logs replay in order.
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

  @Override
  public Integer call() throws IOException {
    List<Path> inputs = oldestFirst(LogInputs.expand(files));
    RangeOwners owners = RangeOwners.load(ranges, state);
    DetectionConfig detection = config == null ? DetectionConfig.defaults() : DetectionConfig.load(config);
    Detector detector = Detector.builder(detection).hostAddresses(HostAddresses.local()).ownerLookup(owners::ownerName).build();
    Analysis run = new Analysis(new BreakdownBuilder(zone), detector);
    LogParser parser = new LogParser(ParserCatalog.standard(), zone, service);
    try (ProgressBar bar = ProgressBar.forTerminal(totalBytes(inputs))) {
      for (Path file : inputs) {
        try (InputStream in = new CountingInputStream(Files.newInputStream(file), bar.counter())) {
          ParseStats stats = parser.parse(file.toString(), in, Files.getLastModifiedTime(file).toInstant(), run::accept);
          run.fileDone(new AnalysisResult.FileStats(file.toString(), String.valueOf(stats.format()), stats));
        }
      }
    }
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

  /** The files by modification time, oldest first (name breaks ties), so rotated logs replay in order. */
  static List<Path> oldestFirst(List<Path> inputs) throws IOException {
    Map<Path, Instant> modified = new HashMap<>();
    for (Path p : inputs) {
      modified.put(p, Files.getLastModifiedTime(p).toInstant());
    }
    List<Path> sorted = new ArrayList<>(inputs);
    sorted.sort(Comparator.comparing((Path p) -> modified.get(p)).thenComparing(Comparator.<Path>naturalOrder()));
    return sorted;
  }

  private static long totalBytes(List<Path> inputs) throws IOException {
    long n = 0;
    for (Path p : inputs) {
      n += Files.size(p);
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

    private void keepClosed(List<Incident> changed) {
      for (Incident i : changed) {
        if (!i.active()) {
          closed.add(i);
        }
      }
    }

    AnalysisResult finish(RangeOwners owners, int top) {
      keepClosed(detector.flush());
      closed.sort(Comparator.comparing(Incident::first).thenComparing(Incident::scenario));
      return new AnalysisResult(files, total, breakdown.build(owners, top), closed, owners);
    }
  }
}
