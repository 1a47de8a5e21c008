package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
      for (Incident i : changed) {
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
