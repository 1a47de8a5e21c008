package org.abuseloop.report;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Objects;

/**
 * A report format that is a whole mail ({@code .eml}): ARF and X-ARF render the message the outbox sends,
 * dated by the clock, and save its bytes. Thread-safe: it holds only an immutable clock and a stateless
 * text renderer.
 */
abstract class MailReport implements ReportFormat {

  final Clock clock;
  final TextReport text = new TextReport();

  /** @param clock gives the Date header (the time the mail is written) */
  MailReport(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public final String extension() {
    return ".eml";
  }

  @Override
  public final String render(AbuseReport r) {
    return ReportMail.bytes(message(r, null));
  }

  /**
   * The mail as a message the outbox can send, addressed to {@code to} (null leaves To out).
   *
   * @throws IllegalArgumentException when {@link #refusal} gives a reason
   */
  public final MimeMessage message(AbuseReport r, String to) {
    requireAccepted(r);
    try {
      return compose(r, to);
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot build a message in memory", e);
    }
  }

  /** Builds the message of an accepted report. */
  abstract MimeMessage compose(AbuseReport r, String to) throws MessagingException;
}
