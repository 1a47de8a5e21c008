package org.abuseloop.report;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Optional;

/**
 * Renders an {@link AbuseReport} as an X-ARF 0.2 mail in the shape blocklist.de sends: multipart/mixed
 * with a text part for a person, the machine-readable {@code report.txt} (YAML) and the log extract as
 * {@code logfile.log}. Thread-safe: it holds only an immutable clock for the Date header.
 *
 * <p>X-ARF 0.2 names one address, so a prefix source is refused. Login attacks are filed as
 * {@code login-attack} under x-arf.org's login-attack schema; scans and probing, for which we know no
 * published 0.2 schema, as {@code info} under the info schema blocklist.de uses for its other services.
 */
public final class XarfMail extends MailReport {

  /** The 0.2 schema of login attacks. */
  static final String LOGIN_SCHEMA = "http://www.x-arf.org/schema/abuse_login-attack_0.1.2.json";
  /** The schema blocklist.de names for services that are not login attacks. */
  static final String INFO_SCHEMA = "http://www.blocklist.de/downloads/schema/info_0.1.1.json";

  /** @param clock gives the Date header (the time the mail is written) */
  public XarfMail(Clock clock) {
    super(clock);
  }

  @Override
  public String id() {
    return "xarf-mail";
  }

  @Override
  public Optional<String> refusal(AbuseReport r) {
    return r.sourceAddress() == null
        ? Optional.of("X-ARF 0.2 reports one address, and this source is the prefix " + r.source())
        : Optional.empty();
  }

  @Override
  MimeMessage compose(AbuseReport r, String to) throws MessagingException {
    MimeMessage m = ReportMail.message(r, to, subject(r), clock.instant());
    m.setHeader("X-XARF", "PLAIN");
    MimeMultipart mp = ReportMail.multipart(r, "mixed");
    mp.addBodyPart(ReportMail.text(text.render(r), null));
    mp.addBodyPart(ReportMail.text(machineReadable(r), "report.txt"));
    mp.addBodyPart(ReportMail.text(LogText.of(r), "logfile.log"));
    m.setContent(mp);
    return m;
  }

  private static String subject(AbuseReport r) {
    return "[abuseloop] abuse report about " + r.source() + " - " + ReportMail.date(r.first(), r.offset())
        + " -- service: " + ServiceName.of(r) + " (" + r.count() + " events) RID: " + r.id();
  }

  /**
   * The {@code report.txt} part. Written by hand rather than by a YAML library: every value is ours
   * (addresses, numbers, dates, fixed words), none is attacker text, and X-ARF readers expect the plain
   * {@code Key: value} lines blocklist.de writes, which a YAML library would quote.
   */
  static String machineReadable(AbuseReport r) {
    boolean login = r.wording().type() == XarfType.LOGIN_ATTACK;
    StringBuilder b = new StringBuilder("---\n");
    field(b, "Reported-From", r.reporter().contact());
    field(b, "Category", "abuse");
    field(b, "Report-Type", login ? "login-attack" : "info");
    field(b, "Service", ServiceName.of(r));
    field(b, "Version", "0.2");
    field(b, "User-Agent", ReportMail.USER_AGENT);
    field(b, "Date", ReportMail.date(r.first(), r.offset()));
    field(b, "Source-Type", "ip-address");
    field(b, "Source", r.source());
    if (!r.destinationPorts().isEmpty()) {
      field(b, "Port", String.valueOf(r.destinationPorts().get(0)));
    }
    if (!r.destinations().isEmpty()) {
      field(b, "Destination", r.destinations().get(0).toString());
      field(b, "Destination-Type", "ip-address");
    }
    field(b, "Occurrences", String.valueOf(r.count()));
    field(b, "Report-ID", r.id() + "@" + r.reporter().domain());
    field(b, "Schema-URL", login ? LOGIN_SCHEMA : INFO_SCHEMA);
    field(b, "Attachment", "text/plain");
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(name).append(": ").append(value).append('\n');
  }
}
