package org.abuseloop.report.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.abuseloop.core.outbox.ReportEntry;

/**
 * Decides which ready reports go out now and how they are grouped: one message per contact, format and
 * batching period (a period is due once it has ended; a format that is one report per message gets one
 * message per report), follow-ups on their own, and no more mails to a contact than its rate limit leaves
 * for the last 24 hours (API calls are not counted: the services set their own limits). Pure: the time and the counts come from the caller.
 * Immutable and thread-safe.
 */
final class Batching {

  /** The window a rate limit counts messages in. */
  static final Duration DAY = Duration.ofDays(1);

  private final OutboxPolicy policy;

  Batching(OutboxPolicy policy) {
    this.policy = policy;
  }

  /**
   * The messages to compose at {@code now} from {@code ready} (reports no message carries yet, oldest
   * first), given how many messages each contact got in the last 24 hours ({@code recent}, absent = 0).
   * Reports whose period has not ended, or whose contact is at its limit, stay for a later run.
   */
  List<Batch> plan(List<ReportEntry> ready, Map<String, Integer> recent, Instant now) {
    Map<List<Object>, List<ReportEntry>> groups = new LinkedHashMap<>();
    for (ReportEntry e : ready) {
      long period = period(e.queuedAt());
      if (isDue(period, now)) {
        groups.computeIfAbsent(key(e, period), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, Integer> used = new LinkedHashMap<>(recent);
    List<Batch> batches = new ArrayList<>();
    for (List<ReportEntry> group : groups.values()) {
      String contact = group.get(0).report().contact();
      int count = used.getOrDefault(contact, 0);
      if (!Channels.of(group.get(0).report().format()).equals(org.abuseloop.core.outbox.OutgoingMessage.SMTP)) {
        batches.add(new Batch(contact, group));
      } else if (count < policy.perContactPerDay()) {
        used.put(contact, count + 1);
        batches.add(new Batch(contact, group));
      }
    }
    return batches;
  }

  // Contacts compare without case (mail domains are case-insensitive; so, in practice, are desks). One
  // message carries one format; a format that is one report per message gets a group per report.
  private static List<Object> key(ReportEntry e, long period) {
    String format = e.report().format();
    return List.of(e.report().contact().toLowerCase(java.util.Locale.ROOT), period,
        Objects.toString(e.follows(), ""), format,
        Channels.ONE_SOURCE_PER_MESSAGE.contains(format) ? e.id().toString() : "");
  }

  private long period(Instant queuedAt) {
    long length = policy.batchPeriod().toMillis();
    return length == 0 ? 0 : Math.floorDiv(queuedAt.toEpochMilli(), length);
  }

  private boolean isDue(long period, Instant now) {
    long length = policy.batchPeriod().toMillis();
    return length == 0 || (period + 1) * length <= now.toEpochMilli();
  }
}
