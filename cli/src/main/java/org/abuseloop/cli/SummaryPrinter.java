package org.abuseloop.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.abuseloop.core.Family;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParseStats;

/**
 * Prints what parsing found: per file its format and counts, then the totals with events per family.
 * Not thread-safe (one per output).
 *
 * <p>Counts are grouped by thousands as {@code %,d} does in the default format locale. In English and
 * the root locale (the JVM's default under a C or POSIX locale) that is a comma every three digits,
 * written here by hand: {@code Formatter} would load the CLDR locale data first, about a third of the
 * start-up of a short {@code parse} (measured in docs/benchmarks.md, "Session 4: parse-core"). Other
 * locales go through {@code String.format} as before, so the output is the same in every locale.
 */
final class SummaryPrinter {

  private final PrintStream out;
  private final Locale locale;
  private final boolean commaGrouping;
  private final String newline = System.lineSeparator();

  SummaryPrinter(PrintStream out) {
    this(out, Locale.getDefault(Locale.Category.FORMAT));
  }

  SummaryPrinter(PrintStream out, Locale locale) {
    this.out = out;
    this.locale = locale;
    this.commaGrouping = locale.equals(Locale.ENGLISH) || locale.equals(Locale.US) || locale.equals(Locale.ROOT);
  }

  void file(Path file, LogFormat format, ParseStats s) {
    out.print(file + ": " + format + ", " + count(s.lines()) + " lines, " + count(s.events()) + " events, "
        + count(s.unrecognised()) + " not recognised" + newline);
  }

  void total(int files, ParseStats s) {
    out.print(newline + "lines read:       " + count(s.lines()) + " (" + number(files) + " file" + (files == 1 ? "" : "s") + ")" + newline);
    out.print("events:           " + count(s.events()) + newline);
    out.print("not recognised:   " + count(s.unrecognised()) + (s.overlong() > 0 ? " (" + count(s.overlong()) + " over-long)" : "") + newline);
    if (!s.eventsByFamily().isEmpty()) {
      out.print("events per family:" + newline);
      s.eventsByFamily().entrySet().stream()
          .sorted(Map.Entry.<Family, Long>comparingByValue().reversed())
          .forEach(en -> out.print("  " + padRight(en.getKey().id(), 44) + " " + padRight(en.getKey().kind().toString(), 18) + " "
              + padLeft(count(en.getValue()), 10) + newline));
    }
  }

  /** {@code n} as {@code %,d} formats it. */
  String count(long n) {
    if (!commaGrouping) {
      return String.format(locale, "%,d", n);
    }
    String digits = Long.toString(n);
    int sign = n < 0 ? 1 : 0;
    int length = digits.length() - sign;
    StringBuilder sb = new StringBuilder(digits.length() + length / 3);
    sb.append(digits, 0, sign);
    for (int i = 0; i < length; i++) {
      if (i > 0 && (length - i) % 3 == 0) {
        sb.append(',');
      }
      sb.append(digits.charAt(sign + i));
    }
    return sb.toString();
  }

  /** {@code n} as {@code %d} formats it. */
  private String number(long n) {
    return commaGrouping ? Long.toString(n) : String.format(locale, "%d", n);
  }

  private static String padRight(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
