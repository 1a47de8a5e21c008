package org.abuseloop.report;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;

/**
 * What the report mails (X-ARF 0.2, ARF) share: a {@link MimeMessage} whose Message-ID, boundaries and
 * Date come from the report and an injected clock instead of from randomness, so that the same report
 * gives the same bytes (the outbox resends it under the same Message-ID, and tests compare samples).
 * Stateless and thread-safe; each message is built on its own session, which never connects anywhere.
 */
final class ReportMail {

  /** The User-Agent the machine-readable parts name. */
  static final String USER_AGENT = "abuseloop";

  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);

  private ReportMail() {}

  /** A new message from the reporter, with a Message-ID made of the report id and the reporter's domain. */
  static MimeMessage message(AbuseReport r, String to, String subject, Instant sent) throws MessagingException {
    String messageId = "<" + r.id() + "@" + r.reporter().domain() + ">";
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    try {
      m.setFrom(new InternetAddress(r.reporter().contact(), r.reporter().organisation(), "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("every Java runtime has UTF-8", e);
    }
    if (to != null) {
      m.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, true));
    }
    m.setSubject(subject, "UTF-8");
    m.setSentDate(Date.from(sent));
    m.setHeader("Auto-Submitted", "auto-generated");
    m.setHeader("X-Report-ID", r.id().toString());
    return m;
  }

  /** A multipart with a boundary derived from the report id, not from randomness. */
  static MimeMultipart multipart(AbuseReport r, String subtype, String... parameters) throws MessagingException {
    ContentType type = new ContentType("multipart", subtype, null);
    for (int i = 0; i + 1 < parameters.length; i += 2) {
      type.setParameter(parameters[i], parameters[i + 1]);
    }
    type.setParameter("boundary", "abuseloop-" + r.id());
    return new FixedMultipart(type.toString());
  }

  /** A text/plain UTF-8 part, with a file name when given. */
  static MimeBodyPart text(String text, String fileName) throws MessagingException {
    MimeBodyPart p = new MimeBodyPart();
    p.setText(text, "UTF-8");
    if (fileName != null) {
      p.setFileName(fileName);
      p.setDisposition(MimeBodyPart.INLINE);
    }
    return p;
  }

  /** A part of another type (message/feedback-report, text/rfc822-headers) holding 7-bit text. */
  static MimeBodyPart part(String contentType, String ascii) throws MessagingException {
    MimeBodyPart p = new MimeBodyPart();
    p.setDataHandler(new DataHandler(new ByteArrayDataSource(ascii.getBytes(StandardCharsets.US_ASCII), contentType)));
    p.setHeader("Content-Type", contentType);
    p.setHeader("Content-Transfer-Encoding", "7bit");
    return p;
  }

  /** The message as it would be sent, CRLF line ends. */
  static String bytes(MimeMessage m) {
    try {
      m.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      m.writeTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot write a message built in memory", e);
    }
  }

  /** An RFC 5322 date-time in the given offset, e.g. {@code Sat, 14 Mar 2026 10:26:53 +0100}. */
  static String date(Instant t, ZoneOffset offset) {
    return RFC_5322.format(t.atOffset(offset));
  }

  /** A multipart whose content type (and so its boundary) is set by us. */
  private static final class FixedMultipart extends MimeMultipart {
    FixedMultipart(String contentType) {
      super();
      this.contentType = contentType;
    }
  }
}
