package org.abuseloop.cli.watch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.abuseloop.core.Family;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;

/**
 * What {@code abuseloop watch} counts, kept in a Micrometer Prometheus registry: lines read per
 * source, events per family, incidents opened per scenario, bans, and the reaction time from a line
 * being read to its ban being confirmed in the kernel. Thread-safe: any source or firewall thread may
 * call it; counters are looked up once per label value and then cached, so the hot path allocates nothing.
 *
 * <p>The names are documented in {@code docs/metrics.md}; Micrometer adds the Prometheus suffixes
 * ({@code _total}, {@code _seconds}).
 */
public final class WatchMetrics {

  /** Histogram bounds around the targets (p99 at most 5 ms, aim 2 ms; a burst's last ban within 500 ms). */
  static final Duration[] REACTION_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofSeconds(5)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> lines = new ConcurrentHashMap<>();
  private final Map<Family, Counter> events = new ConcurrentHashMap<>();
  private final Map<String, Counter> incidents = new ConcurrentHashMap<>();
  private final Map<String, Counter> bans = new ConcurrentHashMap<>();
  private final DistributionSummary banLength;
  private final Timer reaction;
  private final Timer recentReaction;

  public WatchMetrics() {
    banLength = DistributionSummary.builder("abuseloop.ban.length")
        .baseUnit("seconds")
        .description("Length of the bans applied, escalation included")
        .register(registry);
    reaction = Timer.builder("abuseloop.reaction")
        .description("Time from reading the line that completed an incident to its ban confirmed in the firewall")
        .serviceLevelObjectives(REACTION_BUCKETS)
        .register(registry);
    // The Prometheus registry drops client-side percentiles from a timer that has buckets, so the
    // percentiles (over Micrometer's sliding window of about two minutes) are a timer of their own.
    recentReaction = Timer.builder("abuseloop.reaction.recent")
        .description("Reaction time percentiles over the last two minutes or so")
        .publishPercentiles(0.5, 0.9, 0.99)
        .register(registry);
  }

  /** One line read from the source named {@code source}. */
  public void line(String source) {
    lines(source, 1);
  }

  /** {@code count} lines read from the source named {@code source}. */
  public void lines(String source, long count) {
    lines.computeIfAbsent(source, s -> Counter.builder("abuseloop.lines")
        .description("Log lines read, per source").tag("source", s).register(registry)).increment(count);
  }

  /** One event of {@code family} recognised. */
  public void event(Family family) {
    events.computeIfAbsent(family, f -> Counter.builder("abuseloop.events")
        .description("Events recognised, per message family")
        .tag("family", f.id()).tag("service", f.service().id()).tag("kind", kindId(f))
        .register(registry)).increment();
  }

  /** An incident snapshot from the detector; only the opening one is counted (a closing one has {@code active} false). */
  public void incident(Incident incident) {
    if (!incident.active()) {
      return;
    }
    String key = incident.scenario() + '\0' + incident.scope();
    incidents.computeIfAbsent(key, k -> Counter.builder("abuseloop.incidents")
        .description("Incidents opened, per scenario and scope")
        .tag("scenario", incident.scenario()).tag("scope", incident.scope().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry)).increment();
  }

  /** A ban of {@code target} for {@code length} applied. */
  public void ban(IpPrefix target, Duration length) {
    String version = target.network().isIPv4() ? "4" : "6";
    String scope = target.length() == target.network().bitLength() ? "host" : "prefix";
    bans.computeIfAbsent(version + scope, k -> Counter.builder("abuseloop.bans")
        .description("Bans applied, per IP version and scope (host or prefix)")
        .tag("ip_version", version).tag("scope", scope).register(registry)).increment();
    banLength.record(length.toMillis() / 1000.0);
  }

  /** The time from a line being read to the ban it caused being confirmed in the kernel. */
  public void reaction(Duration elapsed) {
    reaction.record(elapsed);
    recentReaction.record(elapsed);
  }

  /** The metrics in the Prometheus text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  private static String kindId(Family f) {
    return f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
