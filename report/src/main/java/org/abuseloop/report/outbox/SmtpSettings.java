package org.abuseloop.report.outbox;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Objects;

/**
 * Where reports are sent from: the SMTP server, the From address, and the reporter's own mailbox that
 * gets a Bcc of every report (the IMAP tracker reads it, which is how a restart learns that a message
 * left in sending did go out). Immutable and thread-safe; addresses are checked strictly when built.
 *
 * @param server the SMTP server (submission port with STARTTLS and AUTH, as a rule)
 * @param from the reporter's address, From of every report and where desks answer
 * @param copyTo the reporter's mailbox that gets a Bcc of every report (usually {@code from})
 * @param replyTo where desks' answers go, the Reply-To of every report (usually {@code from})
 */
public record SmtpSettings(MailServer server, String from, String copyTo, String replyTo) {

  public SmtpSettings {
    Objects.requireNonNull(server, "server");
    from = address(from, "From");
    copyTo = address(copyTo, "copy (Bcc)");
    replyTo = address(replyTo, "Reply-To");
  }

  /** Settings whose Reply-To is the From address. */
  public SmtpSettings(MailServer server, String from, String copyTo) {
    this(server, from, copyTo, from);
  }

  /** The domain of the From address: the right-hand side of every Message-ID. */
  public String domain() {
    return from.substring(from.lastIndexOf('@') + 1);
  }

  /** {@code text} as one strictly parsed address, or an exception saying which setting is wrong. */
  static String address(String text, String what) {
    try {
      InternetAddress a = new InternetAddress(Objects.requireNonNull(text, what), true);
      a.validate();
      if (a.getAddress().indexOf('@') < 1) {
        throw new AddressException("no domain");
      }
      return a.getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException("the " + what + " address '" + text + "' is not one e-mail address: "
          + e.getMessage());
    }
  }
}
