package org.abuseloop.cli;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.analysis.HtmlReport;
import org.abuseloop.analysis.IncidentRow;
import org.abuseloop.core.Incident;
import org.abuseloop.core.outbox.ProviderScore;
import org.abuseloop.intel.ProviderRange;

/** Renders an analysis as the HTML page, turning incidents into the rows the page lists. Stateless. */
final class AnalysisPage {

  private final ZoneId zone;

  AnalysisPage(ZoneId zone) {
    this.zone = zone;
  }

  String render(AnalysisResult r) {
    return render(r, null);
  }

  /** The page, with the abuse desks' scores when {@code desks} is not null. */
  String render(AnalysisResult r, List<ProviderScore> desks) {
    return render(r, desks, null);
  }

  /** The page, with the abuse desks' scores and the reports per kind of channel when they are not null. */
  String render(AnalysisResult r, List<ProviderScore> desks, List<org.abuseloop.core.outbox.ChannelCount> channels) {
    List<IncidentRow> rows = new ArrayList<>();
    for (Incident i : r.incidents()) {
      ProviderRange range = i.source() == null ? null : r.owners().rangeOf(i.source().network());
      rows.add(new IncidentRow(i.scenario(), i.sourceText(), range == null ? i.owner() : range.provider().id(),
          range == null ? null : range.region(), i.first(), i.last(), i.count(), i.ratePerMinute(), IncidentText.targets(i), i.active()));
    }
    return new HtmlReport(zone).render("abuseloop analysis", r.total().lines(), r.total().events(), r.total().unrecognised(),
        r.breakdown(), rows, desks, channels);
  }
}
