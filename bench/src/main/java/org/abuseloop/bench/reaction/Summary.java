package org.abuseloop.bench.reaction;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary table printed at the end of a run, built from the same map as {@code reaction.json} so
 * the two never disagree. Stateless and thread-safe.
 */
final class Summary {

  private Summary() {
  }

  @SuppressWarnings("unchecked")
  static String text(Map<String, Object> report) {
    StringBuilder sb = new StringBuilder();
    Map<String, Object> m = (Map<String, Object>) report.get("machine");
    Map<String, Object> opt = (Map<String, Object>) report.get("options");
    sb.append(String.format(Locale.ROOT, "machine: %s processors, %s; load %s -> %s; fail2ban %s%n",
        m.get("nproc"), m.get("cpu_model"), m.get("load_before"), m.get("load_after"), m.get("fail2ban")));
    Map<String, Object> obs = (Map<String, Object>) report.get("observer");
    sb.append(String.format(Locale.ROOT, "observer (nft monitor): nft -i confirmation -> monitor line %s ms"
        + " (p50/p90/p99/max; min %s ms), write -> monitor line %s ms, missed %s%n",
        q((Map<String, Object>) obs.get("confirmation_to_observer")), obs.get("min_confirmation_to_observer_ms"),
        q((Map<String, Object>) obs.get("write_to_observer")), obs.get("missed")));
    sb.append(String.format(Locale.ROOT, "%nreaction: %s single attackers, %d failures each; write of the crossing"
        + " line -> address in the kernel set%n", opt.get("single_attackers"), ReactionRun.THRESHOLD));
    sb.append(String.format(Locale.ROOT, "%-34s %6s %9s %9s %9s %9s %7s%n", "tool", "n", "p50 ms", "p90 ms",
        "p99 ms", "max ms", "missed"));
    List<Map<String, Object>> tools = (List<Map<String, Object>>) report.get("tools");
    for (Map<String, Object> t : tools) {
      Map<String, Object> r = (Map<String, Object>) t.get("reaction");
      sb.append(String.format(Locale.ROOT, "%-34s %6s %9s %9s %9s %9s %7s%n", t.get("tool"), r.get("count"),
          n(r.get("p50_ms")), n(r.get("p90_ms")), n(r.get("p99_ms")), n(r.get("max_ms")), t.get("singles_missed")));
    }
    sb.append(String.format(Locale.ROOT, "%nburst: %s attackers x %s failures in one write%n",
        opt.get("burst_attackers"), opt.get("burst_failures_each")));
    sb.append(String.format(Locale.ROOT, "%-34s %11s %10s %10s %11s %12s %12s%n", "tool", "banned", "first ms",
        "median ms", "last ms", "bans/s", "bans/s ban"));
    sb.append(String.format(Locale.ROOT, "%-34s %11s %10s %10s %11s %12s %12s%n", "", "", "", "", "",
        "write-last", "first-last"));
    for (Map<String, Object> t : tools) {
      Map<String, Object> b = (Map<String, Object>) t.get("burst");
      if (b == null) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%-34s %11s %10s %10s %11s %12s %12s%n", t.get("tool"),
          b.get("banned") + "/" + b.get("attackers"), n(b.get("first_ban_ms")), n(b.get("median_ban_ms")),
          n(b.get("last_ban_ms")), n(b.get("bans_per_s_write_to_last")), n(b.get("bans_per_s_first_to_last"))));
    }
    Map<String, Object> fw = (Map<String, Object>) report.get("firewall_only");
    if (fw != null) {
      sb.append(String.format(Locale.ROOT, "%nfirewall only (Firewall.nftables, nft -i): %s bans at once, median %s"
          + " bans/s (runs %s); elements in the set at the end %s of %s%n", fw.get("bans_per_run"),
          n(fw.get("bans_per_second_median")), fw.get("bans_per_second_runs"), fw.get("elements_in_set_at_end"),
          fw.get("elements_expected_at_end")));
    }
    for (Map<String, Object> t : tools) {
      if (t.get("note") != null && !t.get("note").toString().isEmpty()) {
        sb.append("note, ").append(t.get("tool")).append(": ").append(t.get("note")).append('\n');
      }
    }
    return sb.toString();
  }

  /** How many tools failed (a start-up or measuring error, not a slow result). */
  @SuppressWarnings("unchecked")
  static long failures(Map<String, Object> report) {
    return ((List<Map<String, Object>>) report.get("tools")).stream()
        .filter(t -> String.valueOf(t.get("note")).contains("failed")).count();
  }

  private static String q(Map<String, Object> q) {
    return n(q.get("p50_ms")) + " / " + n(q.get("p90_ms")) + " / " + n(q.get("p99_ms")) + " / " + n(q.get("max_ms"));
  }

  private static String n(Object v) {
    if (v == null) {
      return "-";
    }
    double d = ((Number) v).doubleValue();
    return d >= 1000 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
  }
}
