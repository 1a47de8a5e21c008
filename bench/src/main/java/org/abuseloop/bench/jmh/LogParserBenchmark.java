package org.abuseloop.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.abuseloop.bench.Generate;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lines per second of a whole file through the public {@link LogParser#parse(Path,
 * java.util.function.Consumer)} (file read from the page cache, format sniffing, parsing, counting),
 * sequential ({@code threads=1}) and in chunks on two workers ({@code threads=2}). One instance per
 * JMH trial; the generated file is deleted at the end.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogParserBenchmark {

  @Param({"asterisk", "sshd", "firewall"})
  public String log;

  @Param({"1", "2"})
  public int threads;

  private Path file;
  private LogParser parser;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    file = Files.createTempFile("abuseloop-bench-" + log, ".log");
    Generate.generator(log, Generate.DEFAULT_SEED).write(LineParserBenchmark.LINES, file);
    Files.setLastModifiedTime(file, FileTime.from(GeneratedLog.REFERENCE));
    parser = new LogParser(ParserCatalog.standard(), GeneratedLog.ZONE, null).withThreads(threads);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /** The whole file once; the score is lines per second. */
  @Benchmark
  @OperationsPerInvocation(LineParserBenchmark.LINES)
  public long parse() throws IOException {
    LongAdder events = new LongAdder();
    ParseStats stats = parser.parse(file, e -> events.increment());
    return stats.lines() + events.sum();
  }
}
