package org.abuseloop.bench.reaction;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The summary of a sample of durations in milliseconds: count, p50, p90, p99 (nearest rank) and max.
 * Immutable and thread-safe.
 */
record Quantiles(int count, double p50, double p90, double p99, double max) {

  static final Quantiles EMPTY = new Quantiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** The quantiles of {@code nanos} (copied, then sorted). */
  static Quantiles ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return EMPTY;
    }
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new Quantiles(s.length, rank(s, 0.50), rank(s, 0.90), rank(s, 0.99), s[s.length - 1] / 1e6);
  }

  /** Nearest rank: the smallest value with at least {@code q} of the sample at or below it. */
  private static double rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  String text() {
    return count == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", p50, p90, p99, max);
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("p50_ms", round(p50));
    m.put("p90_ms", round(p90));
    m.put("p99_ms", round(p99));
    m.put("max_ms", round(max));
    return m;
  }

  static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
  }
}
