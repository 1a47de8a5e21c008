package org.abuseloop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
import org.abuseloop.logs.ParserCatalog;

/**
 * Parses one file N times in one JVM through the public {@link LogParser} (as {@code abuseloop parse
 * --format summary} does) and prints the time of each run, so the figure without JVM start-up and
 * warm-up can be read next to the end-to-end one. {@code --scan} times the bare baseline instead: read
 * the file and look for one fixed pattern in each line. Usage: {@code WholeRun [--threads N | --scan]
 * FILE [RUNS]}. Runs on the calling thread (the parser may use its own workers).
 */
public final class WholeRun {

  private WholeRun() {}

  public static void main(String[] args) throws IOException {
    int i = 0;
    int threads = 0;
    boolean scan = false;
    while (i < args.length && args[i].startsWith("--")) {
      if (args[i].equals("--scan")) {
        scan = true;
        i++;
      } else if (args[i].equals("--threads")) {
        threads = Integer.parseInt(args[i + 1]);
        i += 2;
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (i >= args.length) {
      System.err.println("usage: WholeRun [--threads N | --scan] FILE [RUNS]");
      System.exit(2);
    }
    Path file = Path.of(args[i]);
    int runs = i + 1 < args.length ? Integer.parseInt(args[i + 1]) : 10;
    // The scan builds no parser: run once in a fresh JVM it is the floor of any Java log reader here.
    LogParser parser = scan ? null : new LogParser(ParserCatalog.standard(), ZoneId.systemDefault(), null);
    if (threads > 0 && parser != null) {
      parser = parser.withThreads(threads);
    }
    long[] nanos = new long[runs];
    long[] cpu = new long[runs];
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long lines = 0;
    long events = 0;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      long c0 = os.getProcessCpuTime();
      if (scan) {
        lines = scan(file);
        events = 0;
      } else {
        LongAdder sunk = new LongAdder();
        ParseStats stats = parser.parse(file, e -> sunk.increment());
        lines = stats.lines();
        events = sunk.sum();
      }
      nanos[r] = System.nanoTime() - t0;
      cpu[r] = os.getProcessCpuTime() - c0;
    }
    report(file, scan ? "scan" : "parse", threads, lines, events, nanos, cpu);
  }

  /** Prints wall times (first, median and best of the others) and the median process CPU time of the others. */
  private static void report(Path file, String mode, int threads, long lines, long events, long[] nanos, long[] cpu) {
    long first = nanos[0];
    long[] rest = Arrays.copyOfRange(nanos, Math.min(1, nanos.length - 1), nanos.length);
    Arrays.sort(rest);
    long median = rest[rest.length / 2];
    long best = rest[0];
    long[] restCpu = Arrays.copyOfRange(cpu, Math.min(1, cpu.length - 1), cpu.length);
    Arrays.sort(restCpu);
    long medianCpu = restCpu[restCpu.length / 2];
    System.out.printf(Locale.ROOT, "%s %s threads=%s lines=%d events=%d runs=%d first_ms=%.1f median_ms=%.1f best_ms=%.1f "
            + "first_lines_per_s=%.0f median_lines_per_s=%.0f best_lines_per_s=%.0f median_cpu_ms=%.1f lines_per_cpu_s=%.0f%n",
        mode, file, threads == 0 ? "auto(" + Runtime.getRuntime().availableProcessors() + ")" : String.valueOf(threads),
        lines, events, nanos.length, first / 1e6, median / 1e6, best / 1e6,
        lines * 1e9 / first, lines * 1e9 / median, lines * 1e9 / best, medianCpu / 1e6, lines * 1e9 / medianCpu);
  }

  private static final byte[] PATTERN = "' failed for '".getBytes(StandardCharsets.US_ASCII);

  /**
   * The baseline: reads the file in 1 MiB blocks and counts the lines that hold {@code ' failed for
   * '}, with a plain byte loop, no parsing. Returns the line count (the match count only keeps the
   * loop from being optimised away).
   */
  static long scan(Path file) throws IOException {
    byte[] buf = new byte[1 << 20];
    long lines = 0;
    long matches = 0;
    int carry = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf, carry, buf.length - carry)) > 0 || carry > 0) {
        int limit = carry + Math.max(n, 0);
        int start = 0;
        for (int j = 0; j < limit; j++) {
          if (buf[j] == '\n') {
            lines++;
            matches += contains(buf, start, j) ? 1 : 0;
            start = j + 1;
          }
        }
        if (n <= 0) {
          lines += start < limit ? 1 : 0;
          break;
        }
        carry = limit - start;
        System.arraycopy(buf, start, buf, 0, carry);
        if (carry == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
    }
    if (matches < 0) {
      throw new AssertionError();
    }
    return lines;
  }

  private static boolean contains(byte[] b, int from, int to) {
    outer:
    for (int i = from, last = to - PATTERN.length; i <= last; i++) {
      for (int k = 0; k < PATTERN.length; k++) {
        if (b[i + k] != PATTERN[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
