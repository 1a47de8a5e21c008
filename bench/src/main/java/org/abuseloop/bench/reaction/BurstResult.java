package org.abuseloop.bench.reaction;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one tool did with the burst: how many attackers were in the set when the wait ended, and when
 * the first, the median and the last of them got there, counted from the return of the one
 * {@code write()}. Immutable and thread-safe.
 *
 * @param attackers attackers in the burst
 * @param failures failures per attacker
 * @param banned attackers covered by an element of the tool's table when the wait ended
 * @param bannedAsHost of those, covered by their own host element (the rest only by a prefix element)
 * @param firstMs write to the first ban seen
 * @param medianMs write to the median attacker's ban (NaN when fewer than half were banned)
 * @param lastMs write to the last ban seen
 * @param capSeconds how long the benchmark waited at most
 */
record BurstResult(int attackers, int failures, int banned, int bannedAsHost, double firstMs, double medianMs,
    double lastMs, int capSeconds) {

  /** Summarises the ban times ({@link System#nanoTime()}, -1 for not banned) relative to {@code written}. */
  static BurstResult of(long written, long[] at, int bannedAsHost, int failures, int capSeconds) {
    long[] seen = Arrays.stream(at).filter(t -> t >= 0).map(t -> t - written).sorted().toArray();
    int n = seen.length;
    double first = n == 0 ? Double.NaN : seen[0] / 1e6;
    double last = n == 0 ? Double.NaN : seen[n - 1] / 1e6;
    double median = n * 2 < at.length ? Double.NaN : seen[(at.length + 1) / 2 - 1] / 1e6;
    return new BurstResult(at.length, failures, n, bannedAsHost, first, median, last, capSeconds);
  }

  boolean complete() {
    return banned == attackers;
  }

  /** Banned attackers per second from the write to the last ban. */
  double bansPerSecond() {
    return banned == 0 ? 0 : banned / (lastMs / 1e3);
  }

  /** Banned attackers per second from the first ban to the last: the ban path without reading and counting. */
  double banPhasePerSecond() {
    return banned < 2 || lastMs <= firstMs ? Double.NaN : (banned - 1) / ((lastMs - firstMs) / 1e3);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("attackers", attackers);
    m.put("failures_each", failures);
    m.put("lines", attackers * failures);
    m.put("banned", banned);
    m.put("banned_as_host_element", bannedAsHost);
    m.put("complete", complete());
    m.put("wait_cap_s", capSeconds);
    m.put("first_ban_ms", Quantiles.round(firstMs));
    m.put("median_ban_ms", Quantiles.round(medianMs));
    m.put("last_ban_ms", Quantiles.round(lastMs));
    m.put("bans_per_s_write_to_last", Math.rint(bansPerSecond()));
    double phase = banPhasePerSecond();
    m.put("bans_per_s_first_to_last", Double.isNaN(phase) ? null : Math.rint(phase));
    return m;
  }
}
