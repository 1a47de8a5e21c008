package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.abuseloop.core.Event;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Service;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.logs.LogChain;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.RotatedLog;
import org.abuseloop.logs.attempt.SameAttempt;

/**
 * The closed incidents of a set of log files, as {@code report} sees them and as {@code analyze} reads
 * them: rotated sets merged by event time and one attempt logged twice counted once ({@link SameAttempt}),
 * each file named by its file name in the evidence (its path when two share a name), detected with the
 * scenarios of {@code config} (or the built-in ones), sorted by first event, with their evidence lines
 * filled in. Stateless and thread-safe.
 */
final class LogIncidents {

  private LogIncidents() {}

  /**
   * @param files log files (plain or gzip) or directories
   * @param config detection YAML, or null for the built-in scenarios
   * @param zone zone of timestamps without an offset
   * @param service read every line as this service, or null to recognise it
   * @param owners who owns which range, for campaign scenarios
   */
  static List<Incident> read(List<Path> files, Path config, ZoneId zone, Service service, RangeOwners owners)
      throws IOException {
    List<RotatedLog> logs = AttemptReplay.logs(files);
    Map<String, Path> names = originNames(logs.stream().flatMap(l -> l.files().stream()).toList());
    Map<Path, String> nameOf = new HashMap<>();
    names.forEach((name, path) -> nameOf.put(path, name));
    DetectionConfig detection = config == null ? DetectionConfig.defaults() : DetectionConfig.load(config);
    Detector detector = Detector.builder(detection).hostAddresses(HostAddresses.local())
        .ownerLookup(owners::ownerName).build();
    LogParser parser = new LogParser(ParserCatalog.standard(), zone, service);
    List<LogChain> chains = new ArrayList<>();
    for (RotatedLog log : logs) {
      chains.add(new LogChain(parser, log, nameOf::get, Files::newInputStream, (file, stats) -> { }));
    }
    List<Incident> closed = new ArrayList<>();
    Consumer<Event> detect = e -> keepClosed(detector.accept(e), closed);
    AttemptReplay.replay(chains, detect);
    keepClosed(detector.flush(), closed);
    closed.sort(Comparator.comparing(Incident::first).thenComparing(Incident::scenario)
        .thenComparing(Incident::sourceText));
    return new EvidenceLines(names).fill(closed);
  }

  private static Map<String, Path> originNames(List<Path> inputs) {
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (Path p : inputs) {
      if (!seen.add(p.getFileName().toString())) {
        repeated.add(p.getFileName().toString());
      }
    }
    Map<String, Path> names = new LinkedHashMap<>();
    for (Path p : inputs) {
      String name = p.getFileName().toString();
      names.put(repeated.contains(name) ? p.toString() : name, p);
    }
    return names;
  }

  private static void keepClosed(List<Incident> changed, List<Incident> closed) {
    for (Incident i : changed) {
      if (!i.active()) {
        closed.add(i);
      }
    }
  }
}
