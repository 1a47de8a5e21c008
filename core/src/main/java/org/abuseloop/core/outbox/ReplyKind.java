package org.abuseloop.core.outbox;

/**
 * What a mail that came back about a report says, and the report status it leads to. Immutable and
 * thread-safe.
 */
public enum ReplyKind {
  /** A delivery status notification: the message did not reach the desk. */
  BOUNCE(ReportStatus.BOUNCED),
  /** An automatic acknowledgement, usually with a ticket number. */
  ACKNOWLEDGEMENT(ReportStatus.ACKNOWLEDGED),
  /** A person's answer that does not say the abuse was dealt with. */
  ANSWER(ReportStatus.ANSWERED),
  /** An answer that says the provider acted: resolved, terminated, suspended. */
  RESOLUTION(ReportStatus.RESOLVED);

  private final ReportStatus status;

  ReplyKind(ReportStatus status) {
    this.status = status;
  }

  /** The report status this reply leads to. */
  public ReportStatus status() {
    return status;
  }

  /** True for a reply a person (or the desk's system on a person's behalf) wrote about the abuse. */
  public boolean isAnswer() {
    return this == ANSWER || this == RESOLUTION;
  }
}
