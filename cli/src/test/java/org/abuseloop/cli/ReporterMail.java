package org.abuseloop.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * GreenMail's SMTP and IMAP servers on loopback (free ports), with the reporter's mailbox, started afresh for
 * each test and stopped after it: the mail side of the outbox commands' tests. Not thread-safe; register it
 * on an instance field, one per test.
 */
final class ReporterMail implements BeforeEachCallback, AfterEachCallback {

  /** The reporter's address: From, and the mailbox the Bcc copies and replies land in. */
  static final String REPORTER = "reports@reporter.example";
  /** The IMAP login of that mailbox. */
  static final String USER = "reports";
  /** Its password. */
  static final String PASSWORD = "pw-for-tests";

  private GreenMail server;
  private int smtpPort;
  private int imapPort;

  @Override
  public void beforeEach(ExtensionContext context) {
    smtpPort = freePort();
    imapPort = freePort();
    server = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    server.setUser(REPORTER, USER, PASSWORD);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop();
  }

  /** The running servers. */
  GreenMail server() {
    return server;
  }

  int smtpPort() {
    return smtpPort;
  }

  int imapPort() {
    return imapPort;
  }

  /** A loopback port nothing listens on (at the moment of asking). */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
