package org.abuseloop.report;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Optional;
import org.abuseloop.core.IpAddress;

/**
 * Renders a spam incident as an ARF mail (RFC 5965): multipart/report; report-type=feedback-report with
 * a text part for a person, the machine-readable message/feedback-report part and a text/rfc822-headers
 * part holding what the logs know of the rejected mails. Thread-safe: it holds only an immutable clock.
 *
 * <p>Mail logs hold neither the message nor its headers, so the third part is made of one
 * {@code Received:} header per quoted log line (client address, our address, the time), and
 * the envelope sender's domain ({@code Reported-Domain}) is not known. Incidents that are not rejected
 * mail (login attacks, scans, SMTP AUTH guessing) are refused: ARF is for reporting mail.
 */
public final class ArfReport extends MailReport {

  /** @param clock gives the Date header (the time the mail is written) */
  public ArfReport(Clock clock) {
    super(clock);
  }

  @Override
  public String id() {
    return "arf";
  }

  @Override
  public Optional<String> refusal(AbuseReport r) {
    if (r.sourceAddress() == null) {
      return Optional.of("ARF names one Source-IP, and this source is the prefix " + r.source());
    }
    if (!ServiceName.isMail(r) || r.wording().type() == XarfType.LOGIN_ATTACK) {
      return Optional.of("ARF reports unwanted mail; this incident is " + r.wording().type().type()
          + " on " + ServiceName.of(r));
    }
    return Optional.empty();
  }

  @Override
  MimeMessage compose(AbuseReport r, String to) throws MessagingException {
    MimeMessage m = ReportMail.message(r, to, "[abuseloop] abuse report (mail) about " + r.source() + " - "
        + ReportMail.date(r.first(), r.offset()) + " RID: " + r.id(), clock.instant());
    MimeMultipart mp = ReportMail.multipart(r, "report", "report-type", "feedback-report");
    mp.addBodyPart(ReportMail.text(text.render(r) + "\nThe logs hold no message bodies or headers: the third part"
        + " holds only what the mail log recorded of each connection.\n", null));
    mp.addBodyPart(ReportMail.part("message/feedback-report", feedbackReport(r)));
    mp.addBodyPart(ReportMail.part("text/rfc822-headers", headers(r)));
    m.setContent(mp);
    return m;
  }

  /** The machine-readable part (RFC 5965 section 3.1), CRLF line ends; every value is ours, none attacker text. */
  static String feedbackReport(AbuseReport r) {
    StringBuilder b = new StringBuilder();
    field(b, "Feedback-Type", "abuse");
    field(b, "User-Agent", ReportMail.USER_AGENT);
    field(b, "Version", "1");
    field(b, "Arrival-Date", ReportMail.date(r.first(), r.offset()));
    field(b, "Source-IP", r.source());
    field(b, "Incidents", String.valueOf(r.count()));
    field(b, "Reporting-MTA", "dns; " + r.reporter().domain());
    return b.toString();
  }

  /**
   * The text/rfc822-headers part: a {@code Received:} header per quoted log line, as our server would
   * have written it, newest first as headers are.
   */
  static String headers(AbuseReport r) {
    StringBuilder b = new StringBuilder();
    String by = r.destinations().isEmpty() ? r.reporter().domain() : literal(r.destinations().get(0));
    for (int i = r.extracts().size() - 1; i >= 0; i--) {
      LogExtract e = r.extracts().get(i);
      received(b, literal(r.sourceAddress()), by, ReportMail.date(e.time(), e.offset()));
    }
    if (r.extracts().isEmpty()) {
      received(b, literal(r.sourceAddress()), by, ReportMail.date(r.first(), r.offset()));
    }
    return b.toString();
  }

  private static void received(StringBuilder b, String from, String by, String date) {
    b.append("Received: from ").append(from).append("\r\n\tby ").append(by).append(" with SMTP; ").append(date)
        .append("\r\n");
  }

  private static String literal(IpAddress a) {
    String s = a.toString();
    return s.indexOf(':') >= 0 ? "[IPv6:" + s + "]" : "[" + s + "]";
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(name).append(": ").append(value).append("\r\n");
  }
}
