package org.abuseloop.cli;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.abuseloop.analysis.Breakdown;
import org.abuseloop.analysis.PortLabel;
import org.abuseloop.core.Incident;

/**
 * Prints an analysis for a person: totals, incidents grouped by scenario with their busiest sources,
 * then the breakdown tables (ports, sources, providers, days). Not thread-safe (writes one stream).
 */
final class AnalysisText {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final int SOURCES_PER_SCENARIO = 5;

  private final ZoneId zone;
  private final PrintStream out;

  AnalysisText(ZoneId zone, PrintStream out) {
    this.zone = zone;
    this.out = out;
  }

  void print(AnalysisResult r) {
    out.printf(Locale.ROOT, "%,d lines, %,d events, %,d not recognised, %d files%n", r.total().lines(), r.total().events(),
        r.total().unrecognised(), r.files().size());
    if (r.folded() > 0) {
      out.printf(Locale.ROOT, "%,d events folded into another line of the same attempt (%s), %,d counted%n", r.folded(),
          folds(r), r.total().events() - r.folded());
    }
    incidents(r.incidents());
    ports(r.breakdown());
    sources(r.breakdown());
    providers(r.breakdown());
    daily(r.breakdown());
    out.flush();
  }

  private static String folds(AnalysisResult r) {
    StringBuilder sb = new StringBuilder();
    r.foldedByFamily().forEach((f, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(f.id()).append(' ').append(String.format(Locale.ROOT, "%,d", n)));
    return sb.toString();
  }

  private void incidents(List<Incident> incidents) {
    Map<String, List<Incident>> byScenario = new LinkedHashMap<>();
    for (Incident i : incidents) {
      byScenario.computeIfAbsent(i.scenario(), s -> new java.util.ArrayList<>()).add(i);
    }
    out.printf(Locale.ROOT, "%nIncidents: %d%n", incidents.size());
    byScenario.forEach((scenario, list) -> {
      long sources = list.stream().map(Incident::sourceText).distinct().count();
      out.printf(Locale.ROOT, "  %s: %d incident%s, %d source%s%n", scenario, list.size(), list.size() == 1 ? "" : "s", sources, sources == 1 ? "" : "s");
      list.stream().sorted((a, b) -> Long.compare(b.count(), a.count())).limit(SOURCES_PER_SCENARIO).forEach(i ->
          out.printf(Locale.ROOT, "    %-24s %,7d events %8.1f/min  %s .. %s  %s%n", i.sourceText(), i.count(), i.ratePerMinute(),
              TIME.format(i.first().atZone(zone)), TIME.format(i.last().atZone(zone)), IncidentText.targets(i)));
    });
  }

  private void ports(Breakdown b) {
    out.printf(Locale.ROOT, "%nTarget ports (share of %,d events):%n", b.total());
    b.ports().stream().limit(15).forEach(p -> out.printf(Locale.ROOT, "  %-12s %,9d %6.1f%%  %,7d sources, top 10 = %5.1f%%  %s%n",
        PortLabel.of(p), p.count(), p.share() * 100,
        p.sources(), p.topShare() * 100, providerShares(p)));
  }

  private static String providerShares(Breakdown.PortShare p) {
    StringBuilder sb = new StringBuilder();
    p.providers().stream().filter(s -> s.provider() != null).limit(3).forEach(s ->
        sb.append(sb.length() == 0 ? "" : ", ").append(s.provider()).append(String.format(Locale.ROOT, " %.1f%%", s.share() * 100)));
    return sb.toString();
  }

  private void sources(Breakdown b) {
    out.printf(Locale.ROOT, "%nBusiest sources:%n");
    for (Breakdown.SourceShare s : b.sources()) {
      out.printf(Locale.ROOT, "  %-40s %,9d %6.1f%%  %s%n", s.address(), s.count(), s.share() * 100,
          s.provider() == null ? "" : s.provider() + (s.region() == null ? "" : " " + s.region()));
    }
  }

  private void providers(Breakdown b) {
    out.printf(Locale.ROOT, "%nProviders:%n");
    for (Breakdown.ProviderTotal p : b.providers()) {
      out.printf(Locale.ROOT, "  %-14s %,9d %6.1f%%  %,7d sources%n", p.provider() == null ? "(none)" : p.provider(), p.count(), p.share() * 100, p.sources());
    }
  }

  private void daily(Breakdown b) {
    out.printf(Locale.ROOT, "%nEvents per day:%n");
    for (Breakdown.DayCount d : b.daily()) {
      out.printf(Locale.ROOT, "  %s %,9d%n", d.date(), d.count());
    }
  }
}
