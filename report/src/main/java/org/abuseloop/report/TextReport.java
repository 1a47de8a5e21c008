package org.abuseloop.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders an {@link AbuseReport} as plain text for the person at an abuse desk: what happened in one
 * sentence, then the facts they need to find the customer (source, targets, times in UTC and in the
 * log's offset, count and rate), the log extracts and who to answer. Stateless and thread-safe.
 *
 * <p>Attacker-controlled text (the users tried) is quoted with control characters replaced, so that it
 * cannot forge lines of the report.
 */
public final class TextReport implements ReportFormat {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss xxx", Locale.ROOT);

  @Override
  public String id() {
    return "text";
  }

  @Override
  public String extension() {
    return ".txt";
  }

  /** Text carries every report. */
  @Override
  public Optional<String> refusal(AbuseReport report) {
    return Optional.empty();
  }

  /** The report as text, lines ending in {@code \n}. */
  @Override
  public String render(AbuseReport r) {
    StringBuilder b = new StringBuilder();
    b.append("Abuse report ").append(r.id()).append('\n');
    b.append(r.wording().sentence()).append("\n\n");
    line(b, "Source", r.source() + ports(r.sourcePorts(), "port"));
    line(b, "Target", r.destinations().isEmpty() ? "(not in the logs)"
        : r.destinations().stream().map(Object::toString).collect(Collectors.joining(", "))
            + ports(r.destinationPorts(), "port"));
    line(b, "Protocol", r.protocol().name().toLowerCase(Locale.ROOT).replace("unknown", "not in the logs"));
    line(b, "First seen", when(r.first(), r.offset()));
    line(b, "Last seen", when(r.last(), r.offset()));
    line(b, "Events", r.count() + String.format(Locale.ROOT, " (%.1f a minute)", r.ratePerMinute()));
    if (!r.users().isEmpty()) {
      String users = r.users().stream().map(TextReport::quoted).collect(Collectors.joining(", "));
      line(b, "Users tried", users + (r.otherUsers() > 0 ? " and " + r.otherUsers() + " more tries" : ""));
    }
    line(b, "Category", "X-ARF " + r.wording().type().category() + "/" + r.wording().type().type()
        + ", detection rule " + r.scenario());
    if (!r.extracts().isEmpty()) {
      b.append("\nLog extracts (time in the log's offset, message family, file:line):\n");
      for (LogExtract e : r.extracts()) {
        b.append("  ").append(clean(e.text().replace('\t', ' '))).append('\n');
      }
    }
    ReportContext c = r.reporter();
    b.append("\nReported by ").append(c.organisation()).append(" (").append(c.domain()).append("); reply to ")
        .append(c.contact()).append(", quoting the report id.\n");
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-13s", label + ":")).append(value).append('\n');
  }

  private static String ports(List<Integer> ports, String word) {
    if (ports.isEmpty()) {
      return "";
    }
    String list = ports.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return " " + word + (ports.size() > 1 ? "s " : " ") + list;
  }

  private static String when(Instant t, ZoneOffset offset) {
    return UTC.format(t.atOffset(ZoneOffset.UTC)) + " (" + LOCAL.format(t.atOffset(offset)) + " in the log)";
  }

  private static String quoted(String s) {
    return "'" + clean(s) + "'";
  }

  // Control characters (CR, LF, ESC, ...) from attacker-controlled text become U+FFFD.
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? 0xFFFD : c));
    return b.toString();
  }
}
