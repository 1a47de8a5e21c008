package org.abuseloop.core.outbox;

import java.util.Locale;

/**
 * Where one outgoing message stands: waiting for an attempt, being handed to SMTP, accepted, or given
 * up. Immutable and thread-safe.
 */
public enum MessageStatus {
  /** Waiting for its next attempt (the first, or a retry after a temporary failure). */
  PENDING,
  /** Claimed by a sender that is talking to SMTP; left so by a crash, it is resolved on restart. */
  SENDING,
  /** Accepted by the SMTP server. */
  SENT,
  /** Given up: a permanent refusal, a bad address or too many attempts; the last error says which. */
  FAILED;

  /** The status as stored: lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status spelled {@code id}. */
  public static MessageStatus of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
