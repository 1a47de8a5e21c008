package org.abuseloop.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.abuseloop.core.Family;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParseStats;

/** Prints what parsing found: per file its format and counts, then the totals with events per family. */
final class SummaryPrinter {

  private final PrintStream out;

  SummaryPrinter(PrintStream out) {
    this.out = out;
  }

  void file(Path file, LogFormat format, ParseStats s) {
    out.printf("%s: %s, %,d lines, %,d events, %,d not recognised%n", file, format, s.lines(), s.events(), s.unrecognised());
  }

  void total(int files, ParseStats s) {
    out.printf("%nlines read:       %,d (%d file%s)%n", s.lines(), files, files == 1 ? "" : "s");
    out.printf("events:           %,d%n", s.events());
    out.printf("not recognised:   %,d%s%n", s.unrecognised(), s.overlong() > 0 ? String.format(" (%,d over-long)", s.overlong()) : "");
    if (!s.eventsByFamily().isEmpty()) {
      out.println("events per family:");
      s.eventsByFamily().entrySet().stream()
          .sorted(Map.Entry.<Family, Long>comparingByValue().reversed())
          .forEach(en -> out.printf("  %-44s %-18s %,10d%n", en.getKey().id(), en.getKey().kind(), en.getValue()));
    }
  }
}
