package org.abuseloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.abuseloop.analysis.HtmlReport;
import org.abuseloop.core.outbox.ProviderScore;
import org.abuseloop.report.outbox.Scoreboard;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code abuseloop report stats}: the abuse desks' scoreboard from the outbox: per provider, reports
 * sent, share answered, median time to the first answer and until the attacks stopped. Not thread-safe;
 * one run at a time.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Per provider: reports sent, share answered, median time to first answer and until the attacks stopped.")
final class ReportStatsCommand implements Callable<Integer> {

  enum Format { text, json }

  @Mixin
  OutboxOptions outbox;

  @Option(names = "--format", description = "text (default) or json")
  Format format = Format.text;

  @Override
  public Integer call() throws Exception {
    List<ProviderScore> scores;
    try (Store store = outbox.open()) {
      scores = new Scoreboard().scores(store.outbox().reports());
    }
    if (format == Format.json) {
      System.out.println(json(scores));
    } else {
      text(scores);
    }
    return 0;
  }

  private static void text(List<ProviderScore> scores) {
    String row = "%-24s %6s %9s %14s %14s %6s %9s %8s%n";
    System.out.printf(Locale.ROOT, row, "provider", "sent", "answered", "first answer", "attacks ended", "acked",
        "resolved", "bounced");
    for (ProviderScore s : scores) {
      System.out.printf(Locale.ROOT, row, s.provider(), s.sent(), String.format(Locale.ROOT, "%.1f%%", s.shareAnswered() * 100),
          HtmlReport.span(s.medianFirstAnswer()), HtmlReport.span(s.medianUntilStopped()), s.acknowledged(), s.resolved(),
          s.bounced());
    }
    if (scores.isEmpty()) {
      System.out.println("(no report sent yet)");
    }
  }

  static String json(List<ProviderScore> scores) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode list = mapper.createArrayNode();
    for (ProviderScore s : scores) {
      ObjectNode o = list.addObject();
      o.put("provider", s.provider());
      o.put("sent", s.sent());
      o.put("answered", s.answered());
      o.put("share_answered", s.shareAnswered());
      o.put("acknowledged", s.acknowledged());
      o.put("resolved", s.resolved());
      o.put("bounced", s.bounced());
      seconds(o, "median_first_answer_seconds", s.medianFirstAnswer());
      seconds(o, "median_until_stopped_seconds", s.medianUntilStopped());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.createObjectNode().set("providers", list));
  }

  private static void seconds(ObjectNode o, String field, Duration d) {
    if (d == null) {
      o.putNull(field);
    } else {
      o.put(field, d.toSeconds());
    }
  }
}
