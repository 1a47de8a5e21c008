package org.abuseloop.report;

/**
 * The log extract of a report as a text attachment: a header line saying what the columns are, then
 * one line per extract, control characters from attacker-controlled text replaced by U+FFFD so that a
 * quoted line cannot forge others. Stateless and thread-safe.
 */
final class LogText {

  private LogText() {}

  /** The extract lines, each ending in {@code \n}; a note when the incident quoted none. */
  static String of(AbuseReport r) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(r.source()).append(": time in the log's offset, message family, file:line, line text\n");
    if (r.extracts().isEmpty()) {
      b.append("# (the incident quoted no log lines)\n");
    }
    for (LogExtract e : r.extracts()) {
      b.append(clean(e.text())).append('\n');
    }
    return b.toString();
  }

  /** {@code s} with control characters other than tab replaced by U+FFFD. */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(c != '\t' && Character.isISOControl(c) ? 0xFFFD : c));
    return b.toString();
  }
}
