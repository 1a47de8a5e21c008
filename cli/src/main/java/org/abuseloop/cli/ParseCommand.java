package org.abuseloop.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.core.Service;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParseStats;
import org.abuseloop.logs.ParserCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abuseloop parse}: runs log files through the parsers and prints the events (jsonl) or what
 * was recognised (summary), the tool for trying a log against the parsers.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Parse log files into events (jsonl) or count what was recognised (summary).")
final class ParseCommand implements Callable<Integer> {

  enum Format { jsonl, summary }

  @Option(names = "--format", description = "jsonl or summary (default: summary on a terminal, else jsonl)")
  Format format;

  @Option(names = "--zone", description = "zone of timestamps without an offset (default: the host's)")
  ZoneId zone = ZoneId.systemDefault();

  @Option(names = "--service", description = "read every line as this service: ${COMPLETION-CANDIDATES}",
      converter = ServiceConverter.class, completionCandidates = ServiceConverter.Names.class)
  Service service;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files (plain or gzip) or directories")
  List<Path> files;

  /**
   * This command read from {@code args} without picocli, or null when they use anything but the plain
   * form {@code parse [--format F] [--zone Z] [--service S] FILE...} ({@code --name=value} too, each
   * option once, F exactly {@code jsonl} or {@code summary}, no file starting with {@code -} or
   * {@code @}); picocli then reads them, with its help, its checks and its messages. Written by hand
   * because picocli, which builds its model of a command by reflection, took as long as parsing a
   * 200,000-line file on a cold JVM (docs/benchmarks.md, "Session 3"); for the arguments it accepts,
   * the fields it sets are the ones picocli would set ({@code ParseCommandTest}).
   */
  static ParseCommand fromPlainArguments(String... args) {
    if (args.length < 2 || !"parse".equals(args[0])) {
      return null;
    }
    ParseCommand c = new ParseCommand();
    c.files = new ArrayList<>();
    boolean zoneSet = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        if (a.startsWith("@") || a.isEmpty()) {
          return null;
        }
        try {
          c.files.add(Path.of(a));
        } catch (InvalidPathException e) {
          return null;
        }
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      String value = eq >= 0 ? a.substring(eq + 1) : ++i < args.length ? args[i] : null;
      if (value == null) {
        return null;
      }
      switch (name) {
        case "--format" -> {
          if (c.format != null || !(value.equals("jsonl") || value.equals("summary"))) {
            return null;
          }
          c.format = Format.valueOf(value);
        }
        case "--zone" -> {
          if (zoneSet) {
            return null;
          }
          try {
            c.zone = ZoneId.of(value);
          } catch (DateTimeException e) {
            return null;
          }
          zoneSet = true;
        }
        case "--service" -> {
          if (c.service != null || (c.service = Service.byId(value)) == null) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    return c.files.isEmpty() ? null : c;
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
    List<Path> inputs = LogInputs.expand(files);
    Format f = format != null ? format : (System.console() != null ? Format.summary : Format.jsonl);
    LogParser parser = new LogParser(ParserCatalog.standard(), zone, service);
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, "UTF-8");
    ParseStats total = new ParseStats();
    try (EventJsonWriter json = f == Format.jsonl ? new EventJsonWriter(out) : null) {
      for (Path file : inputs) {
        ParseStats stats = parser.parse(file, json == null ? e -> { } : json::write);
        total.add(stats);
        if (f == Format.summary) {
          new SummaryPrinter(out).file(file, stats.format(), stats);
        }
      }
    }
    if (f == Format.summary) {
      new SummaryPrinter(out).total(inputs.size(), total);
    }
    out.flush();
    return 0;
  }
}
