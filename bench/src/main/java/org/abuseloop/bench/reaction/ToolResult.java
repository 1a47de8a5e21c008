package org.abuseloop.bench.reaction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tool's figures: reaction time of the warm-up attackers and of the single attackers, the attackers
 * whose ban never came (or was already there before their crossing line), and the burst if it ran.
 * Immutable and thread-safe.
 *
 * @param tool the tool's name
 * @param warmup reaction times of the warm-up attackers (not part of the figures)
 * @param singles reaction times of the single attackers
 * @param missed single attackers not banned within the per-attacker wait
 * @param preCovered single attackers already covered before their crossing line (a prefix ban)
 * @param burst the burst, or null when it did not run for this tool
 * @param note anything the reader must know (a failure, a cut-short run)
 */
record ToolResult(String tool, Quantiles warmup, Quantiles singles, int missed, int preCovered, BurstResult burst,
    String note) {

  ToolResult withBurst(BurstResult b, String more) {
    return new ToolResult(tool, warmup, singles, missed, preCovered, b, join(note, more));
  }

  static String join(String a, String b) {
    return a == null || a.isEmpty() ? b : b == null || b.isEmpty() ? a : a + "; " + b;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("warmup", warmup.json());
    m.put("reaction", singles.json());
    m.put("singles_missed", missed);
    m.put("singles_already_covered", preCovered);
    m.put("burst", burst == null ? null : burst.json());
    m.put("note", note);
    return m;
  }
}
