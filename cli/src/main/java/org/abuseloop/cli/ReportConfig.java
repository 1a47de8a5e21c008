package org.abuseloop.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.abuseloop.report.outbox.MailServer;
import org.abuseloop.report.outbox.OutboxPolicy;

/**
 * The {@code report:} section of a configuration file: the reporter's mail account (SMTP out, IMAP in),
 * its addresses, and the outbox's mode and limits. Every field may be absent (null): a command-line flag,
 * then the built-in default, fills it. Passwords are never held here, only where to read them (a file or
 * an environment variable). Immutable and thread-safe.
 *
 * @param from From of every report, where desks answer
 * @param replyTo Reply-To of every report (default: from)
 * @param copyTo the mailbox that gets a Bcc of every report (default: from)
 * @param organisation who reports, as the desk reads it
 * @param store the store's JDBC URL
 * @param trustHost a host whose certificate is trusted as it is
 * @param smtp the server reports leave through
 * @param imap the mailbox replies arrive in
 * @param mode approval or automatic
 * @param batchPeriod one message per contact and period
 * @param perContactPerDay most messages to one contact in 24 hours
 * @param maxAttempts attempts before a failing message is given up
 * @param abuseIpdb AbuseIPDB's API
 * @param msrc Microsoft's Report Abuse API
 * @param formsDir where web-form reports' prefilled fields are written
 */
record ReportConfig(String from, String replyTo, String copyTo, String organisation, String store, String trustHost,
    Server smtp, Server imap, OutboxPolicy.Mode mode, Duration batchPeriod, Integer perContactPerDay,
    Integer maxAttempts, Api abuseIpdb, Api msrc, Path formsDir) {

  /** No section: every value from flags and defaults. */
  static final ReportConfig EMPTY = new ReportConfig(null, null, null, null, null, null, Server.EMPTY, Server.EMPTY,
      null, null, null, null, Api.EMPTY, Api.EMPTY, null);

  /**
   * One reporting API of the section; absent values are null. The key is never held, only where to read it.
   *
   * @param url the API's base URL (AbuseIPDB) or endpoint (Microsoft)
   * @param keyFile the file holding the key
   * @param keyEnv the environment variable holding the key
   */
  record Api(URI url, Path keyFile, String keyEnv) {

    static final Api EMPTY = new Api(null, null, null);
  }

  /**
   * One mail server of the section; absent values are null.
   *
   * @param folder for IMAP, the folder to read
   */
  record Server(String host, Integer port, MailServer.Security security, String user, Path passwordFile,
      String passwordEnv, String folder) {

    static final Server EMPTY = new Server(null, null, null, null, null, null, null);
  }
}
