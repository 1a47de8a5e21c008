package org.abuseloop.analysis;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.abuseloop.core.outbox.ChannelCount;
import org.abuseloop.core.outbox.ProviderScore;

/**
 * The analysis as one self-contained HTML page: inline CSS and SVG charts (share per port, share per
 * provider, events per day), the top sources with provider and region, the incidents and, with a store,
 * how the abuse desks answered our reports. Nothing is fetched when the page is viewed. Immutable and
 * thread-safe.
 */
public final class HtmlReport {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
  private static final String STYLE = """
      body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1000px}
      h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
      table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #eee}
      td.n{text-align:right;font-variant-numeric:tabular-nums}
      .chart rect{fill:#c0392b}.chart text{font-size:12px}figcaption{font-weight:bold;margin:.5em 0}
      .totals span{margin-right:2em}
      """;

  private final ZoneId zone;

  public HtmlReport(ZoneId zone) {
    this.zone = zone;
  }

  /** The page for a run that read {@code lines} lines, found {@code events} events and this breakdown. */
  public String render(String title, long lines, long events, long unrecognised, Breakdown b, List<IncidentRow> incidents) {
    return render(title, lines, events, unrecognised, b, incidents, null);
  }

  /**
   * The page as above, with a section scoring the abuse desks our reports went to when {@code desks} is
   * not null (the outbox of a store).
   */
  public String render(String title, long lines, long events, long unrecognised, Breakdown b, List<IncidentRow> incidents,
      List<ProviderScore> desks) {
    return render(title, lines, events, unrecognised, b, incidents, desks, null);
  }

  /**
   * The page as above, with the reports per kind of channel (mail, API, web form) after the desks when
   * {@code channels} is not null.
   */
  public String render(String title, long lines, long events, long unrecognised, Breakdown b, List<IncidentRow> incidents,
      List<ProviderScore> desks, List<ChannelCount> channels) {
    StringBuilder html = new StringBuilder(16 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
        .append("</title><style>").append(STYLE).append("</style></head><body>\n");
    html.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    html.append(String.format(Locale.ROOT,
        "<p class=\"totals\"><span id=\"lines\" data-value=\"%d\">%,d lines</span><span id=\"events\" data-value=\"%d\">%,d events</span>"
            + "<span id=\"unrecognised\" data-value=\"%d\">%,d not recognised</span></p>%n",
        lines, lines, events, events, unrecognised, unrecognised));
    html.append(new BarChart("ports", "Share of events per target port").render(portBars(b)));
    html.append(new BarChart("providers", "Share of events per provider").render(providerBars(b)));
    html.append(new BarChart("daily", "Events per day").render(dayBars(b)));
    html.append(sourcesTable(b));
    html.append(incidentsTable(incidents));
    if (desks != null) {
      html.append(desksTable(desks));
    }
    if (channels != null) {
      html.append(channelsTable(channels));
    }
    html.append("</body></html>\n");
    return html.toString();
  }

  private static List<BarChart.Bar> portBars(Breakdown b) {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Breakdown.PortShare p : b.ports()) {
      String label = PortLabel.of(p);
      bars.add(new BarChart.Bar(label, percent(p.share()) + " (" + p.count() + ")", p.share(), Double.toString(p.share())));
    }
    return bars;
  }

  private static List<BarChart.Bar> providerBars(Breakdown b) {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Breakdown.ProviderTotal p : b.providers()) {
      String label = p.provider() == null ? "(none)" : p.provider();
      bars.add(new BarChart.Bar(label, percent(p.share()) + " (" + p.sources() + " sources)", p.share(), Double.toString(p.share())));
    }
    return bars;
  }

  private static List<BarChart.Bar> dayBars(Breakdown b) {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Breakdown.DayCount d : b.daily()) {
      bars.add(new BarChart.Bar(d.date().toString(), Long.toString(d.count()), d.count(), Long.toString(d.count())));
    }
    return bars;
  }

  private static String sourcesTable(Breakdown b) {
    StringBuilder t = new StringBuilder("<h2>Top sources</h2>\n<table id=\"sources\"><tr><th>address</th><th>events</th><th>share</th><th>provider</th><th>region</th></tr>\n");
    for (Breakdown.SourceShare s : b.sources()) {
      t.append(String.format(Locale.ROOT, "<tr data-address=\"%s\" data-count=\"%d\" data-share=\"%s\"><td>%s</td><td class=\"n\">%,d</td><td class=\"n\">%s</td><td>%s</td><td>%s</td></tr>%n",
          Html.escape(s.address()), s.count(), s.share(), Html.escape(s.address()), s.count(), percent(s.share()),
          Html.escape(orDash(s.provider())), Html.escape(orDash(s.region()))));
    }
    return t.append("</table>\n").toString();
  }

  private String incidentsTable(List<IncidentRow> incidents) {
    StringBuilder t = new StringBuilder("<h2>Incidents</h2>\n<table id=\"incidents\"><tr><th>scenario</th><th>source</th><th>provider</th>"
        + "<th>first</th><th>last</th><th>events</th><th>per minute</th><th>targets</th></tr>\n");
    for (IncidentRow i : incidents) {
      t.append(String.format(Locale.ROOT, "<tr data-scenario=\"%s\" data-source=\"%s\" data-count=\"%d\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">%,d</td><td class=\"n\">%.1f</td><td>%s</td></tr>%n",
          Html.escape(i.scenario()), Html.escape(i.source()), i.count(), Html.escape(i.scenario()), Html.escape(i.source()),
          Html.escape(orDash(i.provider()) + (i.region() == null ? "" : " " + i.region())),
          TIME.format(i.first().atZone(zone)), TIME.format(i.last().atZone(zone)), i.count(), i.ratePerMinute(), Html.escape(i.targets())));
    }
    return t.append("</table>\n").toString();
  }

  private static String desksTable(List<ProviderScore> desks) {
    StringBuilder t = new StringBuilder("<h2>Abuse desks</h2>\n<table id=\"desks\"><tr><th>provider</th><th>reports sent</th>"
        + "<th>answered</th><th>median time to first answer</th><th>median time until the attacks stopped</th>"
        + "<th>acknowledged only</th><th>resolved</th><th>bounced</th></tr>\n");
    if (desks.isEmpty()) {
      t.append("<tr><td colspan=\"8\">No report sent yet.</td></tr>\n");
    }
    for (ProviderScore d : desks) {
      t.append(String.format(Locale.ROOT, "<tr data-provider=\"%s\" data-sent=\"%d\" data-answered=\"%s\"><td>%s</td>"
          + "<td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
          + "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>%n",
          Html.escape(d.provider()), d.sent(), d.shareAnswered(), Html.escape(d.provider()), d.sent(),
          percent(d.shareAnswered()), span(d.medianFirstAnswer()), span(d.medianUntilStopped()), d.acknowledged(),
          d.resolved(), d.bounced()));
    }
    return t.append("</table>\n").toString();
  }

  private static String channelsTable(List<ChannelCount> channels) {
    StringBuilder t = new StringBuilder("<h2>Reports per channel</h2>\n<table id=\"channels\"><tr><th>channel</th>"
        + "<th>reports</th><th>waiting</th><th>sent</th><th>failed</th><th>bounced</th><th>left to a person (web form)</th>"
        + "<th>uncertain (API call without answer)</th></tr>\n");
    if (channels.isEmpty()) {
      t.append("<tr><td colspan=\"8\">No report queued yet.</td></tr>\n");
    }
    for (ChannelCount c : channels) {
      t.append(String.format(Locale.ROOT, "<tr data-channel=\"%s\" data-total=\"%d\" data-sent=\"%d\" data-manual=\"%d\""
          + " data-uncertain=\"%d\"><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
          + "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>%n",
          Html.escape(c.kind()), c.total(), c.sent(), c.manual(), c.uncertain(), Html.escape(c.kind()), c.total(),
          c.waiting(), c.sent(), c.failed(), c.bounced(), c.manual(), c.uncertain()));
    }
    return t.append("</table>\n").toString();
  }

  /** A duration for a person: "3 d 4 h", "5 h 12 min", "40 min", "-" for none. */
  public static String span(Duration d) {
    if (d == null) {
      return "-";
    }
    long minutes = d.toMinutes();
    if (minutes >= 24 * 60) {
      return minutes / (24 * 60) + " d " + minutes % (24 * 60) / 60 + " h";
    }
    return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
