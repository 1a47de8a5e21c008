package org.abuseloop.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.abuseloop.bench.Generate;
import org.abuseloop.core.Event;
import org.abuseloop.core.Incident;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The detector alone, in process: a generated log is parsed once into events held in memory, and each
 * invocation replays all of them through a fresh {@link Detector} (the built-in scenarios, or the ones
 * named in {@code scenarios}) and flushes it. The score is nanoseconds per log line, with no parsing,
 * breakdown, JSON or JVM start-up in it; one JMH thread per instance.
 *
 * <p>Run as the launcher runs analyze (C1 only, the throughput collector), one core:
 * {@code taskset -c 0 java -jar bench/target/benchmarks.jar DetectorReplay -jvmArgs
 * '-XX:TieredStopAtLevel=1 -XX:+UseParallelGC'}. A whole log's replay is one invocation, so the
 * detector's state grows, reaches its key cap and evicts as it does in a real run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class DetectorReplayBenchmark {

  /** Lines of the generated log: enough to fill the key cap on the firewall log. */
  static final int LINES = 1_000_000;

  @Param({"firewall", "asterisk", "sshd"})
  public String log;

  /** "all" for the built-in scenarios, else scenario ids separated by '+' (e.g. port-scan+port-sweep). */
  @Param({"all"})
  public String scenarios;

  private List<Event> events;
  private DetectionConfig config;

  @Setup(Level.Trial)
  public void parse() throws IOException {
    Path file = Files.createTempFile("abuseloop-replay-" + log, ".log");
    try {
      Generate.generator(log, Generate.DEFAULT_SEED).write(LINES, file);
      Files.setLastModifiedTime(file, FileTime.from(GeneratedLog.REFERENCE));
      List<Event> parsed = new ArrayList<>(LINES);
      new LogParser(ParserCatalog.standard(), GeneratedLog.ZONE, null).parse(file, parsed::add);
      events = parsed;
    } finally {
      Files.deleteIfExists(file);
    }
    config = chosen(DetectionConfig.defaults(), scenarios);
  }

  /** Every event through a fresh detector, then its flush; returns the incidents opened and closed. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public long replay() {
    Detector detector = Detector.builder(config).build();
    long incidents = 0;
    for (Event e : events) {
      incidents += detector.accept(e).size();
    }
    List<Incident> closed = detector.flush();
    return incidents + closed.size();
  }

  static DetectionConfig chosen(DetectionConfig all, String ids) {
    if (ids.equals("all")) {
      return all;
    }
    Set<String> wanted = Set.copyOf(Arrays.asList(ids.split("\\+")));
    for (String id : wanted) {
      if (all.scenario(id) == null) {
        throw new IllegalArgumentException("no built-in scenario " + id);
      }
    }
    return new DetectionConfig(all.settings(), all.scenarios().stream().filter(s -> wanted.contains(s.id())).toList());
  }
}
