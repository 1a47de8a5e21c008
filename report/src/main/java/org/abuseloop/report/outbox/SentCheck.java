package org.abuseloop.report.outbox;

/**
 * Tells whether a message with a given Message-ID reached the reporter's own mailbox (every report is
 * Bcc'd there): how a restart settles a message that a crash left in sending. Implementations say
 * whether they are thread-safe.
 */
@FunctionalInterface
public interface SentCheck {

  /** What the check found. */
  enum Found { YES, NO, UNKNOWN }

  /** Whether the copy of {@code messageId} is in the mailbox; UNKNOWN when the mailbox cannot be read. */
  Found copyOf(String messageId);

  /** For a setup without a mailbox to read: every copy counts as absent, so the message is sent again. */
  static SentCheck none() {
    return id -> Found.NO;
  }
}
