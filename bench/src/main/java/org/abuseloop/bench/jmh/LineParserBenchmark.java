package org.abuseloop.bench.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.abuseloop.core.Event;
import org.abuseloop.logs.LineParser;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.TimeReader;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second of one parser on one thread: 200,000 generated lines already in memory go through
 * {@link LineParser} (envelope, timestamp, service parser, events). No I/O. One instance per JMH
 * trial, used by one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineParserBenchmark {

  static final int LINES = 200_000;

  /** Which generated log: each is read by its own parser. */
  @Param({"asterisk", "sshd", "firewall"})
  public String log;

  private GeneratedLog data;
  private LineParser parser;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    data = new GeneratedLog(log, LINES);
    parser = new LineParser(ParserCatalog.standard(), data.format, new TimeReader(GeneratedLog.ZONE, GeneratedLog.REFERENCE), log);
  }

  /** Every line once; the score is lines per second. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public int parse(Blackhole bh) {
    byte[] b = data.bytes;
    int[] starts = data.starts;
    int[] ends = data.ends;
    int events = 0;
    for (int i = 0; i < starts.length; i++) {
      Event e = parser.parse(b, starts[i], ends[i], i + 1, starts[i]);
      if (e != null) {
        bh.consume(e);
        events++;
      }
    }
    return events;
  }
}
