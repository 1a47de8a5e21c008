package org.abuseloop.core.outbox;

import java.util.Locale;

/**
 * Where one abuse report stands, from queued to the provider's answer; {@link #id()} is the spelling the
 * store, the logs and the commands use. Immutable and thread-safe.
 */
public enum ReportStatus {
  /** Waiting: for approval in approval mode, for its batch period or rate limit in automatic mode. */
  QUEUED,
  /** Approved by the operator (approval mode) and waiting to be sent. */
  APPROVED,
  /** In a message that is being sent, or waiting for its first attempt. */
  SENDING,
  /** Accepted by the SMTP server. */
  SENT,
  /** Not sent: retrying when its message has a next attempt, given up when it has none (see last error). */
  FAILED,
  /** The recipient's server returned a delivery status notification that it failed. */
  BOUNCED,
  /** An automatic acknowledgement (a ticket number) came back. */
  ACKNOWLEDGED,
  /** A person answered. */
  ANSWERED,
  /** The provider said it acted (resolved, terminated, suspended). */
  RESOLVED,
  /** Resolved, then the same source attacked again: a follow-up report cites this one. */
  RE_OFFENDED,
  /**
   * The desk takes reports only through a web form: the prefilled fields are written to a file for a person
   * to submit. Never counted as sent.
   */
  MANUAL,
  /**
   * An API call was made and a crash came before its answer was recorded: it may or may not have reached the
   * service. Never repeated on a guess; the operator decides.
   */
  UNCERTAIN;

  /** The status as stored and printed: lower case, words joined by a hyphen ({@code re-offended}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The status spelled {@code id}, as {@link #id()} writes it. */
  public static ReportStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * The rank of an answer status: a later answer moves a report up (acknowledged, answered, resolved),
   * never down; zero for statuses that are not answers.
   */
  public int answerRank() {
    return switch (this) {
      case ACKNOWLEDGED -> 1;
      case ANSWERED -> 2;
      case RESOLVED -> 3;
      default -> 0;
    };
  }
}
