package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.abuseloop.report.outbox.ImapMailbox;
import org.abuseloop.report.outbox.MailServer;
import org.abuseloop.report.outbox.SmtpSettings;
import picocli.CommandLine.Option;

/**
 * The reporter's mail account: the SMTP server reports leave through and the IMAP mailbox replies and
 * Bcc copies arrive in. Passwords come from a file or the environment, never from the command line
 * (which other users can see). A picocli mixin; not thread-safe (filled once per run).
 */
final class MailOptions {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--from", paramLabel = "ADDRESS", description = "the reporter's address: From of every report, where desks answer")
  String from;

  @Option(names = "--copy-to", paramLabel = "ADDRESS", description = "mailbox that gets a Bcc of every report (default: --from); the IMAP mailbox should read it")
  String copyTo;

  @Option(names = "--smtp-host", paramLabel = "HOST")
  String smtpHost;

  @Option(names = "--smtp-port", paramLabel = "PORT", description = "default: 587 (465 with --smtp-security tls)")
  Integer smtpPort;

  @Option(names = "--smtp-security", paramLabel = "S", description = "starttls (default, required), tls, or none (loopback only)")
  MailServer.Security smtpSecurity = MailServer.Security.STARTTLS;

  @Option(names = "--smtp-user", paramLabel = "USER")
  String smtpUser;

  @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "file holding the SMTP password (else $ABUSELOOP_SMTP_PASSWORD)")
  Path smtpPasswordFile;

  @Option(names = "--imap-host", paramLabel = "HOST", description = "reporter's IMAP server (default: none; then a crash while sending may resend)")
  String imapHost;

  @Option(names = "--imap-port", paramLabel = "PORT", description = "default: 993 (143 with --imap-security starttls or none)")
  Integer imapPort;

  @Option(names = "--imap-security", paramLabel = "S", description = "tls (default), starttls, or none (loopback only)")
  MailServer.Security imapSecurity = MailServer.Security.TLS;

  @Option(names = "--imap-user", paramLabel = "USER", description = "default: --smtp-user")
  String imapUser;

  @Option(names = "--imap-password-file", paramLabel = "FILE", description = "file holding the IMAP password (else $ABUSELOOP_IMAP_PASSWORD, else the SMTP one)")
  Path imapPasswordFile;

  @Option(names = "--imap-folder", paramLabel = "FOLDER", description = "default: INBOX")
  String imapFolder = "INBOX";

  @Option(names = "--trust-host", paramLabel = "HOST", description = "trust this server's certificate as it is (a self-signed test server)")
  String trustHost;

  /** The SMTP settings, checked; fails naming the missing option. */
  SmtpSettings smtp() throws IOException {
    require(smtpHost, "--smtp-host");
    require(from, "--from");
    int port = smtpPort != null ? smtpPort : smtpSecurity == MailServer.Security.TLS ? 465 : 587;
    String password = smtpUser == null ? null : password(smtpPasswordFile, "ABUSELOOP_SMTP_PASSWORD", "--smtp-password-file");
    MailServer server = new MailServer(smtpHost, port, smtpSecurity, smtpUser, password, trustHost, TIMEOUT);
    return new SmtpSettings(server, from, copyTo == null ? from : copyTo);
  }

  /** True when an IMAP server is configured. */
  boolean hasImap() {
    return imapHost != null;
  }

  /** The reporter's mailbox, checked; fails naming the missing option. */
  ImapMailbox imap(Clock clock) throws IOException {
    require(imapHost, "--imap-host");
    String user = imapUser != null ? imapUser : smtpUser;
    require(user, "--imap-user (or --smtp-user)");
    String password = imapPasswordFile != null || System.getenv("ABUSELOOP_IMAP_PASSWORD") != null
        ? password(imapPasswordFile, "ABUSELOOP_IMAP_PASSWORD", "--imap-password-file")
        : password(smtpPasswordFile, "ABUSELOOP_SMTP_PASSWORD", "--imap-password-file");
    int port = imapPort != null ? imapPort : imapSecurity == MailServer.Security.TLS ? 993 : 143;
    return new ImapMailbox(new MailServer(imapHost, port, imapSecurity, user, password, trustHost, TIMEOUT), imapFolder, clock);
  }

  private static String password(Path file, String env, String option) throws IOException {
    if (file != null) {
      return Files.readString(file).strip();
    }
    String value = System.getenv(env);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a mail user is set but no password: give " + option + " or set $" + env);
    }
    return value;
  }

  private static void require(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + option);
    }
  }
}
