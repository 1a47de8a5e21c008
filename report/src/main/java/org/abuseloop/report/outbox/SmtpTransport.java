package org.abuseloop.report.outbox;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import java.util.stream.Collectors;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends outgoing messages over SMTP with Angus Mail: STARTTLS or TLS and AUTH as the settings say, the
 * stored Message-ID kept on every attempt, a Bcc to the reporter's own mailbox, and the server's reply
 * code sorted into accepted, temporary (4xx, no connection) and permanent (5xx). Thread-safe: the mail
 * session is read-only and each send opens its own connection.
 */
public final class SmtpTransport implements MailTransport {

  /** Header naming the report ids a message carries, for the desk's tools and for matching replies. */
  public static final String REPORTS_HEADER = "X-Abuseloop-Reports";

  private final SmtpSettings settings;
  private final Session session;

  public SmtpTransport(SmtpSettings settings) {
    this.settings = settings;
    Properties props = settings.server().properties("smtp");
    props.setProperty("mail.smtp.from", settings.from());
    props.setProperty("mail.transport.protocol", settings.server().security() == MailServer.Security.TLS ? "smtps" : "smtp");
    if (settings.server().security() == MailServer.Security.TLS) {
      settings.server().properties("smtps").forEach(props::put);
      props.setProperty("mail.smtps.from", settings.from());
    }
    MailServer server = settings.server();
    this.session = Session.getInstance(props, server.authenticates() ? new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(server.username(), server.password());
      }
    } : null);
  }

  @Override
  public Delivery send(OutgoingMessage message) {
    try {
      MimeMessage mime = mime(message);
      Transport.send(mime);
      return Delivery.accepted("accepted by " + settings.server().host() + " as " + message.messageId());
    } catch (MessagingException e) {
      return refusal(e);
    } catch (RuntimeException e) {
      return Delivery.temporary("cannot send to " + settings.server() + ": " + e);
    }
  }

  /**
   * The message as it goes on the wire: headers, Bcc to the reporter, and the body the outbox kept: plain
   * UTF-8 text, or the MIME entity it composed (attachments, or a whole X-ARF 0.2 / ARF mail, whose own
   * headers give way to ours: From, To, Subject with the tag, Message-ID, Date).
   */
  public MimeMessage mime(OutgoingMessage m) throws MessagingException {
    boolean plain = m.format().equals("text");
    MimeMessage mime = plain ? new FixedIdMessage(session, m.messageId())
        : new FixedIdMessage(session, m.messageId(), m.body());
    mime.setFrom(new InternetAddress(settings.from()));
    mime.setReplyTo(new InternetAddress[] {new InternetAddress(settings.replyTo())});
    mime.setRecipient(Message.RecipientType.TO, new InternetAddress(m.contact(), true));
    mime.setRecipient(Message.RecipientType.BCC, new InternetAddress(settings.copyTo()));
    mime.setSubject(m.subject(), "UTF-8");
    mime.setSentDate(Date.from(m.createdAt()));
    if (m.references() != null) {
      mime.setHeader("In-Reply-To", m.references());
      mime.setHeader("References", m.references());
    }
    mime.setHeader(REPORTS_HEADER, m.reportIds().stream().map(Object::toString).collect(Collectors.joining(" ")));
    // Desks' auto-responders must answer (acknowledgements count), so no Auto-Submitted header.
    mime.removeHeader("Auto-Submitted");
    if (plain) {
      mime.setText(m.body(), "UTF-8");
    }
    mime.saveChanges();
    return mime;
  }

  // The server's reply code decides: 5xx is permanent, 4xx and no answer at all (no connection,
  // timeout, TLS trouble) are temporary and retried.
  private Delivery refusal(MessagingException e) {
    int code = replyCode(e);
    String answer = "SMTP " + settings.server().host() + ": " + describe(e);
    if (e instanceof jakarta.mail.internet.AddressException) {
      return Delivery.permanent("bad address: " + describe(e));
    }
    return code >= 500 && code < 600 ? Delivery.permanent(answer) : Delivery.temporary(answer);
  }

  private static int replyCode(Exception e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      if (x instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (x instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
    }
    return -1;
  }

  private static String describe(Exception e) {
    StringBuilder b = new StringBuilder();
    for (Throwable x = e; x != null; x = x instanceof MessagingException m && m.getNextException() != null
        ? m.getNextException() : x.getCause()) {
      String text = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage().strip();
      if (b.indexOf(text) < 0) {
        b.append(b.length() == 0 ? "" : "; ").append(text);
      }
      if (x.getCause() == x) {
        break;
      }
    }
    return b.toString().replaceAll("[\\r\\n]+", " ");
  }

  /** A MIME message that keeps the Message-ID it was given instead of generating one on save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    /** A message whose headers and content are parsed from {@code entity}; ours are set on top. */
    FixedIdMessage(Session session, String messageId, String entity) throws MessagingException {
      super(session, new java.io.ByteArrayInputStream(entity.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
