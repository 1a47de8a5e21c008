package org.abuseloop.core.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A mail that came back about one or more reports: its own Message-ID (so that it counts once), the
 * reports it is about, what it says and when it came. Immutable and thread-safe.
 *
 * @param messageId the reply's Message-ID (or a stand-in derived from its content when it has none)
 * @param reportIds the reports it is about
 * @param kind what it says
 * @param receivedAt when it came
 * @param note a short description for the history (sender and subject, control characters removed)
 */
public record Reply(String messageId, List<UUID> reportIds, ReplyKind kind, Instant receivedAt, String note) {

  public Reply {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(receivedAt, "receivedAt");
    reportIds = List.copyOf(reportIds);
    note = note == null ? "" : note;
  }
}
