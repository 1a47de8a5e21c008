package org.abuseloop.analysis;

import java.time.LocalDate;
import java.util.List;

/**
 * Where the attacks came from: the share of each target port, the busiest sources, the providers that
 * hold them, and the events per day. Shares are fractions of 1. Immutable; serialised as the
 * {@code breakdown} object of {@code abuseloop analyze --format json} (see docs/analyze-json.md).
 */
public record Breakdown(long total, List<PortShare> ports, List<SourceShare> sources, List<ProviderTotal> providers, List<DayCount> daily) {

  /** One target port: its events, distinct sources, its ten busiest sources and its providers. */
  public record PortShare(String protocol, Integer port, long count, double share, long sources, double topShare,
      List<SourceShare> top, List<ProviderShare> providers) {}

  /** One source with its events, their share (of the port, or of all events), and its owner. */
  public record SourceShare(String address, long count, double share, String provider, String region) {}

  /** One provider's events within a port, and their share of the port's events. */
  public record ProviderShare(String provider, long count, double share) {}

  /** One provider's events over everything, their share and how many distinct sources it held. */
  public record ProviderTotal(String provider, long count, double share, long sources) {}

  /** Events on one day (in the zone of the analysis). */
  public record DayCount(LocalDate date, long count) {}
}
