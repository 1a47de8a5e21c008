package org.abuseloop.report.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.abuseloop.core.outbox.ChannelCount;
import org.abuseloop.core.outbox.ProviderScore;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;

/**
 * The scoreboard of abuse desks, computed from the outbox's reports: per provider, reports sent, the share
 * a person answered, the median time to the first answer and the median time until the attacks stopped.
 * Pure and stateless; thread-safe.
 */
public final class Scoreboard {

  /** Name used for reports whose source no provider was attributed to. */
  public static final String UNKNOWN = "(unknown)";

  /**
   * One score per provider that was sent a report, most reports first, then by name; the copies sent to
   * AbuseIPDB are left out (it is a shared blocklist, not the provider's desk).
   */
  public List<ProviderScore> scores(List<ReportEntry> reports) {
    Map<String, List<ReportEntry>> byProvider = new TreeMap<>();
    for (ReportEntry e : reports) {
      if (e.sentAt() != null && !Channels.ABUSEIPDB_PROVIDER.equals(e.report().provider())) {
        String p = e.report().provider() == null || e.report().provider().isBlank() ? UNKNOWN : e.report().provider();
        byProvider.computeIfAbsent(p, k -> new ArrayList<>()).add(e);
      }
    }
    List<ProviderScore> scores = new ArrayList<>();
    byProvider.forEach((provider, sent) -> scores.add(score(provider, sent)));
    scores.sort(Comparator.comparingInt(ProviderScore::sent).reversed().thenComparing(ProviderScore::provider));
    return scores;
  }

  /**
   * The reports per kind of channel (mail, AbuseIPDB API, Microsoft API, web form) by where they stand, in
   * that order, kinds without reports left out.
   */
  public List<ChannelCount> channels(List<ReportEntry> reports) {
    Map<String, int[]> counts = new java.util.LinkedHashMap<>();
    for (String kind : List.of("mail", "abuseipdb-api", "msrc-api", "web-form")) {
      counts.put(kind, new int[7]);
    }
    for (ReportEntry e : reports) {
      int[] c = counts.get(Channels.kind(e.report().format()));
      c[0]++;
      c[switch (e.status()) {
        case QUEUED, APPROVED, SENDING -> 1;
        case SENT, ACKNOWLEDGED, ANSWERED, RESOLVED, RE_OFFENDED -> 2;
        case FAILED -> 3;
        case BOUNCED -> 4;
        case MANUAL -> 5;
        case UNCERTAIN -> 6;
      }]++;
    }
    List<ChannelCount> out = new ArrayList<>();
    counts.forEach((kind, c) -> {
      if (c[0] > 0) {
        out.add(new ChannelCount(kind, c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
      }
    });
    return out;
  }

  private static ProviderScore score(String provider, List<ReportEntry> sent) {
    List<Duration> toAnswer = new ArrayList<>();
    List<Duration> untilStopped = new ArrayList<>();
    int acknowledged = 0;
    int bounced = 0;
    int resolved = 0;
    for (ReportEntry e : sent) {
      if (e.firstAnswerAt() != null) {
        toAnswer.add(positive(Duration.between(e.sentAt(), e.firstAnswerAt())));
      }
      untilStopped.add(positive(Duration.between(e.sentAt(), e.lastSeen())));
      acknowledged += e.status() == ReportStatus.ACKNOWLEDGED ? 1 : 0;
      bounced += e.status() == ReportStatus.BOUNCED ? 1 : 0;
      resolved += e.status() == ReportStatus.RESOLVED || e.status() == ReportStatus.RE_OFFENDED ? 1 : 0;
    }
    return new ProviderScore(provider, sent.size(), toAnswer.size(), acknowledged, bounced, resolved, median(toAnswer),
        median(untilStopped));
  }

  // Attacks that stopped before the report was sent stopped "at once": zero, not negative.
  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The median (the mean of the two middle values for an even count), null for none. */
  static Duration median(List<Duration> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Duration> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
  }
}
