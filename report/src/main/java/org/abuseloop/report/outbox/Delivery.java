package org.abuseloop.report.outbox;

/**
 * What became of one attempt to hand a message to SMTP: accepted, refused for now (a 4xx answer, or no
 * server to talk to), or refused for good (a 5xx answer). Immutable and thread-safe.
 *
 * @param outcome which of the three
 * @param answer the server's answer or the fault, for the logs and the report's last error
 */
public record Delivery(Outcome outcome, String answer) {

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
