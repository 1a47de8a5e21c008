package org.abuseloop.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
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
