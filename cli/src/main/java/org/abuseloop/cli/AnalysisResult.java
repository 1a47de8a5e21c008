package org.abuseloop.cli;

import java.util.List;
import org.abuseloop.analysis.Breakdown;
import org.abuseloop.core.Incident;
import org.abuseloop.logs.ParseStats;

/** What one {@code analyze} run found: per-file counts, totals, the breakdown and the incidents. */
record AnalysisResult(List<FileStats> files, ParseStats total, Breakdown breakdown, List<Incident> incidents, RangeOwners owners) {

  /** One input file: its name, recognised format and counts. */
  record FileStats(String file, String format, ParseStats stats) {}
}
