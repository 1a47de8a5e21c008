package org.abuseloop.report.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.abuseloop.core.outbox.ReportEntry;

/**
 * Builds the body of a mail that carries its reports as attachments: {@code multipart/mixed} with the
 * text for a person first, then one X-ARF v4 JSON document or IODEF XML document per source, or one AWS
 * CSV for all of them. The boundary comes from the message's id, not from randomness, so the same
 * message is the same bytes on every attempt. Stateless and thread-safe.
 */
final class OutboxMime {

  /** The formats sent as attachments beside a text part. */
  static final List<String> ATTACHED = List.of("xarf", "iodef", "aws-csv");

  private OutboxMime() {}

  /**
   * The MIME entity (its Content-Type header, a blank line, the parts) of {@code text} with the reports
   * of {@code reports} attached in {@code format}.
   */
  static String withAttachments(String text, List<ReportEntry> reports, String format, String seed) {
    try {
      ContentType type = new ContentType("multipart", "mixed", null);
      type.setParameter("boundary", "abuseloop-" + seed);
      MimeMultipart mp = new FixedMultipart(type.toString());
      MimeBodyPart textPart = new MimeBodyPart();
      textPart.setText(text, "UTF-8");
      mp.addBodyPart(textPart);
      switch (format) {
        case "xarf" -> reports.forEach(e -> attach(mp, "xarf-" + e.id() + ".json", "application/json", e.report().body()));
        case "iodef" -> reports.forEach(e -> attach(mp, "iodef-" + e.id() + ".xml", "application/xml", e.report().body()));
        case "aws-csv" -> attach(mp, "abuse-report.csv", "text/csv", csv(reports));
        default -> throw new IllegalArgumentException("not an attached format: " + format);
      }
      MimeMessage whole = new MimeMessage((Session) null) {
        @Override
        protected void updateMessageID() {
          // The outbox sets the Message-ID when it sends.
        }
      };
      whole.setContent(mp);
      whole.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      whole.writeTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot build a message in memory", e);
    }
  }

  // One CSV for every source: the header of the first, the rows of all.
  private static String csv(List<ReportEntry> reports) {
    StringBuilder b = new StringBuilder();
    for (ReportEntry e : reports) {
      String body = e.report().body();
      int headerEnd = body.indexOf('\n') + 1;
      b.append(b.length() == 0 ? body : body.substring(headerEnd));
    }
    return b.toString();
  }

  private static void attach(MimeMultipart mp, String name, String type, String content) {
    try {
      MimeBodyPart p = new MimeBodyPart();
      p.setText(content, "UTF-8", type.substring(type.indexOf('/') + 1));
      p.setHeader("Content-Type", type + "; charset=UTF-8; name=\"" + name + "\"");
      p.setDisposition(MimeBodyPart.ATTACHMENT);
      p.setFileName(name);
      mp.addBodyPart(p);
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot build a message part in memory", e);
    }
  }

  /** A multipart whose content type (and so its boundary) is set by us. */
  private static final class FixedMultipart extends MimeMultipart {
    FixedMultipart(String contentType) {
      this.contentType = contentType;
    }
  }
}
