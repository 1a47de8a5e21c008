package org.abuseloop.core.outbox;

/**
 * What the operator says of something the outbox left to a person: an API call a crash left
 * {@link ReportStatus#UNCERTAIN uncertain}, or a web form left {@link ReportStatus#MANUAL manual}. Immutable and
 * thread-safe.
 */
public enum Settlement {
  /** It reached the desk (the service's account shows the call; the form was submitted by hand): sent. */
  DELIVERED,
  /** It did not reach the desk and should go again: the next {@code report send} retries it (API calls only). */
  SEND_AGAIN,
  /** It did not reach the desk and will not be sent: failed, with the operator's note as the reason. */
  ABANDONED
}
