package org.abuseloop.cli;

import java.util.List;
import java.util.Map;
import org.abuseloop.analysis.Breakdown;
import org.abuseloop.core.Family;
import org.abuseloop.core.Incident;
import org.abuseloop.logs.ParseStats;

/**
 * What one {@code analyze} run found: per-file counts, totals, the lines folded into another line of
 * the same attempt (in total and by the folded line's family), the breakdown and the incidents.
 */
record AnalysisResult(List<FileStats> files, ParseStats total, long folded, Map<Family, Long> foldedByFamily,
    Breakdown breakdown, List<Incident> incidents, RangeOwners owners) {

  /** One input file: its name, recognised format and counts. */
  record FileStats(String file, String format, ParseStats stats) {}
}
