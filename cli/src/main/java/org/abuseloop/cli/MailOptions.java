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
  MailServer.Security smtpSecurity;

  @Option(names = "--smtp-user", paramLabel = "USER")
  String smtpUser;

  @Option(names = "--smtp-password-file", paramLabel = "FILE", description = "file holding the SMTP password (else $ABUSELOOP_SMTP_PASSWORD)")
  Path smtpPasswordFile;

  @Option(names = "--imap-host", paramLabel = "HOST", description = "reporter's IMAP server (default: none; then a crash while sending may resend)")
  String imapHost;

  @Option(names = "--imap-port", paramLabel = "PORT", description = "default: 993 (143 with --imap-security starttls or none)")
  Integer imapPort;

  @Option(names = "--imap-security", paramLabel = "S", description = "tls (default), starttls, or none (loopback only)")
  MailServer.Security imapSecurity;

  @Option(names = "--imap-user", paramLabel = "USER", description = "default: --smtp-user")
  String imapUser;

  @Option(names = "--imap-password-file", paramLabel = "FILE", description = "file holding the IMAP password (else $ABUSELOOP_IMAP_PASSWORD, else the SMTP one)")
  Path imapPasswordFile;

  @Option(names = "--imap-folder", paramLabel = "FOLDER", description = "default: INBOX")
  String imapFolder;

  @Option(names = "--reply-to", paramLabel = "ADDRESS", description = "Reply-To of every report (default: --from)")
  String replyTo;

  @Option(names = "--trust-host", paramLabel = "HOST", description = "trust this server's certificate as it is (a self-signed test server)")
  String trustHost;

  /** The SMTP settings from the flags over {@code c}, checked; fails naming the missing option. */
  SmtpSettings smtp(ReportConfig c) throws IOException {
    ReportConfig.Server conf = c.smtp();
    String host = first(smtpHost, conf.host(), null);
    String sender = first(from, c.from(), null);
    require(host, "--smtp-host (or report.smtp.host)");
    require(sender, "--from (or report.from)");
    MailServer.Security security = first(smtpSecurity, conf.security(), MailServer.Security.STARTTLS);
    int port = first(smtpPort, conf.port(), security == MailServer.Security.TLS ? 465 : 587);
    String user = first(smtpUser, conf.user(), null);
    String password = user == null ? null : password(first(smtpPasswordFile, conf.passwordFile(), null),
        first(conf.passwordEnv(), "ABUSELOOP_SMTP_PASSWORD", null), "--smtp-password-file");
    MailServer server = new MailServer(host, port, security, user, password, first(trustHost, c.trustHost(), null),
        TIMEOUT);
    return new SmtpSettings(server, sender, first(copyTo, c.copyTo(), sender), first(replyTo, c.replyTo(), sender));
  }

  /** True when an IMAP server is configured by flag or in {@code c}. */
  boolean hasImap(ReportConfig c) {
    return imapHost != null || c.imap().host() != null;
  }

  /** The reporter's mailbox from the flags over {@code c}, checked; fails naming the missing option. */
  ImapMailbox imap(ReportConfig c, Clock clock) throws IOException {
    ReportConfig.Server conf = c.imap();
    String host = first(imapHost, conf.host(), null);
    require(host, "--imap-host (or report.imap.host)");
    String user = first(imapUser, conf.user(), first(smtpUser, c.smtp().user(), null));
    require(user, "--imap-user (or --smtp-user, report.imap.user)");
    Path file = first(imapPasswordFile, conf.passwordFile(), null);
    String env = first(conf.passwordEnv(), "ABUSELOOP_IMAP_PASSWORD", null);
    String password = file != null || System.getenv(env) != null
        ? password(file, env, "--imap-password-file")
        : password(first(smtpPasswordFile, c.smtp().passwordFile(), null),
            first(c.smtp().passwordEnv(), "ABUSELOOP_SMTP_PASSWORD", null), "--imap-password-file");
    MailServer.Security security = first(imapSecurity, conf.security(), MailServer.Security.TLS);
    int port = first(imapPort, conf.port(), security == MailServer.Security.TLS ? 993 : 143);
    return new ImapMailbox(new MailServer(host, port, security, user, password, first(trustHost, c.trustHost(), null),
        TIMEOUT), first(imapFolder, conf.folder(), "INBOX"), clock);
  }

  private static <T> T first(T flag, T configured, T fallback) {
    return OutboxOptions.first(flag, configured, fallback);
  }

  private static String password(Path file, String env, String option) throws IOException {
    if (file != null) {
      return Files.readString(file).strip();
    }
    String value = System.getenv(env);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a mail user is set but no password: give " + option + ", a password-file "
          + "in the configuration, or set $" + env);
    }
    return value;
  }

  private static void require(String value, String option) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + option);
    }
  }
}
