package org.abuseloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.abuseloop.analysis.HtmlReport;
import org.abuseloop.core.outbox.ChannelCount;
import org.abuseloop.core.outbox.ProviderScore;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.report.outbox.Scoreboard;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code abuseloop report stats}: the abuse desks' scoreboard from the outbox: per provider, reports
 * sent, share answered, median time to the first answer and until the attacks stopped; then the reports
 * per kind of channel (mail, AbuseIPDB, Microsoft's API, web form) by where they stand. Not thread-safe;
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
    List<ChannelCount> channels;
    try (Store store = outbox.open()) {
      List<ReportEntry> reports = store.outbox().reports();
      scores = new Scoreboard().scores(reports);
      channels = new Scoreboard().channels(reports);
    }
    if (format == Format.json) {
      System.out.println(json(scores, channels));
    } else {
      text(scores);
      channels(channels);
    }
    return 0;
  }

  private static void channels(List<ChannelCount> channels) {
    String row = "%-16s %8s %8s %6s %7s %8s %7s %10s%n";
    System.out.println();
    System.out.printf(Locale.ROOT, row, "channel", "reports", "waiting", "sent", "failed", "bounced", "manual",
        "uncertain");
    for (ChannelCount c : channels) {
      System.out.printf(Locale.ROOT, row, c.kind(), c.total(), c.waiting(), c.sent(), c.failed(), c.bounced(), c.manual(),
          c.uncertain());
    }
    if (channels.isEmpty()) {
      System.out.println("(no report queued yet)");
    }
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
    return json(scores, List.of());
  }

  static String json(List<ProviderScore> scores, List<ChannelCount> channels) throws Exception {
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
    ArrayNode kinds = mapper.createArrayNode();
    for (ChannelCount c : channels) {
      ObjectNode o = kinds.addObject();
      o.put("channel", c.kind());
      o.put("reports", c.total());
      o.put("waiting", c.waiting());
      o.put("sent", c.sent());
      o.put("failed", c.failed());
      o.put("bounced", c.bounced());
      o.put("manual", c.manual());
      o.put("uncertain", c.uncertain());
    }
    ObjectNode root = mapper.createObjectNode();
    root.set("providers", list);
    root.set("channels", kinds);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static void seconds(ObjectNode o, String field, Duration d) {
    if (d == null) {
      o.putNull(field);
    } else {
      o.put(field, d.toSeconds());
    }
  }
}
