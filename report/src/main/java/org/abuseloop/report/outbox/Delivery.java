package org.abuseloop.report.outbox;

/**
 * What became of one attempt to hand a message to SMTP or an API: accepted, refused for now (SMTP 4xx, HTTP
 * 5xx or 429, or no server to talk to), or refused for good (SMTP 5xx, HTTP 4xx). Immutable and thread-safe.
 *
 * @param outcome which of the three
 * @param answer the server's answer or the fault, for the logs and the report's last error
 * @param retryAfter how long the server asked us to wait (an HTTP Retry-After), null when it did not say
 */
public record Delivery(Outcome outcome, String answer, java.time.Duration retryAfter) {

  public Delivery(Outcome outcome, String answer) {
    this(outcome, answer, null);
  }

  /** The three outcomes. */
  public enum Outcome { ACCEPTED, TEMPORARY, PERMANENT }

  static Delivery accepted(String answer) {
    return new Delivery(Outcome.ACCEPTED, answer);
  }

  static Delivery temporary(String answer) {
    return new Delivery(Outcome.TEMPORARY, answer);
  }

  static Delivery permanent(String answer) {
    return new Delivery(Outcome.PERMANENT, answer);
  }
}
