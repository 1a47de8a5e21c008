package org.abuseloop.report.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.outbox.StatusChange;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.report.AbuseReport;
import org.abuseloop.report.Redaction;
import org.abuseloop.report.ReportContext;
import org.abuseloop.report.ScenarioWording;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox end to end against real mail servers on loopback: GreenMail's SMTP and IMAP (plain, and
 * SMTPS/IMAPS with AUTH), a scripted SMTP server for 5xx answers and STARTTLS, and a real SQLite store.
 * Not thread-safe; one instance per test, with its own servers on free ports.
 */
class OutboxMailIT {

  static final String REPORTER = "reports@reporter.example";
  static final String LOGIN = "reports";
  static final String PASSWORD = "s3cret-for-tests";
  static final String DESK = "abuse@provider.example";
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  SettableClock clock;
  Store store;
  OutboxLedger outbox;
  GreenMail greenMail;
  int smtpPort;
  int imapPort;

  @BeforeEach
  void setUp() throws IOException {
    clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    store = Store.open("jdbc:sqlite:" + dir.resolve("outbox.db"));
    outbox = store.outbox();
    smtpPort = freePort();
    imapPort = freePort();
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    greenMail.setUser(REPORTER, LOGIN, PASSWORD);
  }

  @AfterEach
  void tearDown() {
    greenMail.stop();
    store.close();
  }

  // ---- fixtures ----

  static OutboxPolicy policy(Duration period) {
    return new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, period, 4, Duration.ofMinutes(1), Duration.ofHours(1), 5,
        Duration.ofMinutes(10));
  }

  MailServer plainSmtp() {
    return new MailServer("127.0.0.1", smtpPort, MailServer.Security.NONE, null, null, null, TIMEOUT);
  }

  ImapMailbox mailbox() {
    return new ImapMailbox(new MailServer("127.0.0.1", imapPort, MailServer.Security.NONE, LOGIN, PASSWORD, null, TIMEOUT),
        "INBOX", clock);
  }

  Courier courier(OutboxLedger ledger, MailServer smtp, String copyTo, OutboxPolicy policy) {
    return new Courier(ledger, new SmtpTransport(new SmtpSettings(smtp, REPORTER, copyTo)), mailbox(), policy,
        "reporter.example", "Reporter Org", clock);
  }

  Courier courier() {
    return courier(outbox, plainSmtp(), REPORTER, policy(Duration.ZERO));
  }

  NewReport report(String source, String contact) {
    Instant first = clock.instant().minus(Duration.ofHours(2));
    UUID id = UUID.nameUUIDFromBytes((source + "|" + contact + "|" + first).getBytes(StandardCharsets.UTF_8));
    return new NewReport(id, source, "sshd-bf", first, first.plusSeconds(300), "Example Cloud", contact, "text",
        "Abuse report " + id + "\nSource:      " + source + "\n");
  }

  NewReport queue(String source, String contact) {
    NewReport r = report(source, contact);
    outbox.enqueue(r, ReportStatus.QUEUED, clock.instant());
    return r;
  }

  List<MimeMessage> received(String address) {
    return greenMail.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true).toList();
  }

  static String body(MimeMessage m) throws IOException, MessagingException {
    return m.getContent().toString();
  }

  static String header(MimeMessage m, String name) throws MessagingException {
    String[] values = m.getHeader(name);
    return values == null ? null : values[0];
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  // ---- sending ----

  @Test
  void aBatchToOneContactArrivesAsOneMessageWithEverySource() throws Exception {
    greenMail.start();
    List<NewReport> toDesk = List.of(queue("203.0.113.9", DESK), queue("203.0.113.10", DESK), queue("2001:db8::7", DESK));
    NewReport other = queue("198.51.100.7", "abuse@other.example");
    Courier courier = courier(outbox, plainSmtp(), REPORTER, policy(Duration.ofHours(1)));

    assertThat(courier.send().composed()).as("the batching period has not ended").isZero();
    clock.advance(Duration.ofMinutes(61));
    SendRun run = courier.send();

    assertThat(run.composed()).isEqualTo(2);
    assertThat(run.sent()).isEqualTo(2);
    MimeMessage m = received(DESK).get(0);
    assertThat(received(DESK)).hasSize(1);
    assertThat(received("abuse@other.example")).hasSize(1);
    String text = body(m);
    for (NewReport r : toDesk) {
      assertThat(text).contains(r.source(), r.id().toString());
      assertThat(header(m, SmtpTransport.REPORTS_HEADER)).contains(r.id().toString());
      assertThat(outbox.report(r.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
    }
    assertThat(text).doesNotContain(other.source());
    String messageId = outbox.report(toDesk.get(0).id()).orElseThrow().messageId();
    assertThat(header(m, "Message-ID")).isEqualTo(messageId);
    assertThat(m.getSubject()).contains("3 sources").contains(MessageComposer.TAG);
    assertThat(m.getHeader("Bcc")).as("Bcc is not shown to the desk").isNull();
    assertThat(received(REPORTER)).as("the reporter's copies").hasSize(2);
  }

  @Test
  void theSameReportTwiceIsOneMessage() throws Exception {
    greenMail.start();
    NewReport r = queue("203.0.113.9", DESK);
    outbox.enqueue(r, ReportStatus.QUEUED, clock.instant());
    Courier courier = courier();

    courier.send();
    outbox.enqueue(r, ReportStatus.QUEUED, clock.instant().plusSeconds(60));
    clock.advance(Duration.ofDays(1));
    SendRun again = courier.send();

    assertThat(again.composed()).isZero();
    assertThat(received(DESK)).hasSize(1);
    assertThat(outbox.reports()).hasSize(1);
  }

  @Test
  void smtpDownThenUpIsRetriedWithBackoffAndSentOnce() throws Exception {
    NewReport r = queue("203.0.113.9", DESK);
    Courier courier = courier();

    SendRun down = courier.send();

    assertThat(down.retrying()).isEqualTo(1);
    ReportEntry failed = outbox.report(r.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(ReportStatus.FAILED);
    assertThat(failed.lastError()).contains("127.0.0.1");
    OutgoingMessage waiting = outbox.message(failed.messageId()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(MessageStatus.PENDING);
    assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

    greenMail.start();
    assertThat(courier.send().sent()).as("not before the backoff ran out").isZero();
    clock.advance(Duration.ofMinutes(1));
    SendRun up = courier.send();

    assertThat(up.sent()).isEqualTo(1);
    assertThat(received(DESK)).hasSize(1);
    assertThat(header(received(DESK).get(0), "Message-ID")).isEqualTo(failed.messageId());
    assertThat(outbox.message(failed.messageId()).orElseThrow().attempts()).isEqualTo(2);
    assertThat(outbox.report(r.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
    clock.advance(Duration.ofDays(1));
    assertThat(courier.send().sent()).isZero();
    assertThat(received(DESK)).hasSize(1);
  }

  @Test
  void aPermanentRefusalFailsTheReportWithTheServersAnswer() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("550 5.1.1 <abuse@provider.example>: Recipient address rejected",
        false, null, null)) {
      NewReport r = queue("203.0.113.9", DESK);
      MailServer server = new MailServer("127.0.0.1", smtp.port(), MailServer.Security.NONE, null, null, null, TIMEOUT);
      Courier courier = courier(outbox, server, REPORTER, policy(Duration.ZERO));

      SendRun run = courier.send();
      clock.advance(Duration.ofDays(2));
      courier.send();

      assertThat(run.failed()).isEqualTo(1);
      ReportEntry e = outbox.report(r.id()).orElseThrow();
      assertThat(e.status()).isEqualTo(ReportStatus.FAILED);
      assertThat(e.lastError()).contains("550").contains("Recipient address rejected");
      OutgoingMessage m = outbox.message(e.messageId()).orElseThrow();
      assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
      assertThat(m.nextAttemptAt()).isNull();
      assertThat(outbox.history(r.id())).extracting(StatusChange::note).anyMatch(n -> n.contains("550"));
      assertThat(smtp.lines()).filteredOn(l -> l.command().startsWith("RCPT")).isNotEmpty();
      assertThat(smtp.lines()).filteredOn(l -> l.command().startsWith("MAIL")).hasSize(1);
      assertThat(smtp.messages()).isEmpty();
    }
  }

  @Test
  void aBadContactIsFailedAndNothingIsSentOrLost() throws Exception {
    greenMail.start();
    NewReport bad = queue("203.0.113.9", "abuse at provider");
    NewReport good = queue("198.51.100.7", DESK);

    SendRun run = courier().send();

    assertThat(run.badContacts()).isEqualTo(1);
    assertThat(run.sent()).isEqualTo(1);
    ReportEntry e = outbox.report(bad.id()).orElseThrow();
    assertThat(e.status()).isEqualTo(ReportStatus.FAILED);
    assertThat(e.lastError()).contains("abuse at provider").contains("nothing sent");
    assertThat(e.report().body()).isEqualTo(bad.body());
    assertThat(e.messageId()).isNull();
    assertThat(outbox.report(good.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
    assertThat(greenMail.getReceivedMessages()).hasSize(2); // the good report and its copy to the reporter
  }

  @Test
  void approvalModeSendsOnlyWhatWasApproved() throws Exception {
    greenMail.start();
    NewReport a = queue("203.0.113.9", DESK);
    NewReport b = queue("203.0.113.10", DESK);
    Courier courier = courier(outbox, plainSmtp(), REPORTER, policy(Duration.ZERO).withMode(OutboxPolicy.Mode.APPROVAL));

    assertThat(courier.send().composed()).isZero();
    outbox.approve(List.of(a.id().toString().substring(0, 8)), clock.instant());
    SendRun run = courier.send();

    assertThat(run.sent()).isEqualTo(1);
    assertThat(body(received(DESK).get(0))).contains(a.source()).doesNotContain(b.source());
    assertThat(outbox.report(b.id()).orElseThrow().status()).isEqualTo(ReportStatus.QUEUED);
  }

  // ---- crash safety ----

  /** The store as a crash sees it: everything works until the courier marks a message sent. */
  static OutboxLedger killedBeforeMarkingSent(OutboxLedger real) {
    return (OutboxLedger) Proxy.newProxyInstance(OutboxLedger.class.getClassLoader(), new Class<?>[] {OutboxLedger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("markSent")) {
            throw new IllegalStateException("killed between SMTP accepting and the store marking sent");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aCrashBetweenSendingAndMarkingSentLeavesExactlyOneMessageAfterRestart() throws Exception {
    greenMail.start();
    NewReport r = queue("203.0.113.9", DESK);

    assertThatThrownBy(() -> courier(killedBeforeMarkingSent(outbox), plainSmtp(), REPORTER, policy(Duration.ZERO)).send())
        .hasMessageContaining("killed");
    assertThat(received(DESK)).hasSize(1);
    String messageId = outbox.report(r.id()).orElseThrow().messageId();
    assertThat(outbox.message(messageId).orElseThrow().status()).isEqualTo(MessageStatus.SENDING);

    Courier restarted = courier();
    assertThat(restarted.send().recovered()).as("within the lease the message is left alone").isZero();
    clock.advance(Duration.ofMinutes(11));
    SendRun run = restarted.send();

    assertThat(run.recovered()).isEqualTo(1);
    assertThat(run.sent()).isZero();
    assertThat(received(DESK)).hasSize(1);
    assertThat(outbox.message(messageId).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    assertThat(outbox.report(r.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
  }

  @Test
  void aCrashWhoseCopyNeverArrivedResendsTheSameMessageId() throws Exception {
    greenMail.start();
    NewReport r = queue("203.0.113.9", DESK);
    String archive = "archive@reporter.example"; // the copy goes where the tracker does not read

    assertThatThrownBy(() -> courier(killedBeforeMarkingSent(outbox), plainSmtp(), archive, policy(Duration.ZERO)).send())
        .hasMessageContaining("killed");
    clock.advance(Duration.ofMinutes(11));
    SendRun run = courier(outbox, plainSmtp(), archive, policy(Duration.ZERO)).send();

    assertThat(run.released()).isEqualTo(1);
    assertThat(run.sent()).isEqualTo(1);
    List<MimeMessage> atDesk = received(DESK);
    assertThat(atDesk).hasSize(2);
    assertThat(header(atDesk.get(0), "Message-ID")).isEqualTo(header(atDesk.get(1), "Message-ID"))
        .isEqualTo(outbox.report(r.id()).orElseThrow().messageId());
  }

  // ---- TLS and AUTH ----

  @Test
  void smtpsAndImapsWithAuthAgainstGreenMail() throws Exception {
    greenMail.stop();
    int smtps = freePort();
    int imaps = freePort();
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtps, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
        new ServerSetup(imaps, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)});
    greenMail.setUser(REPORTER, LOGIN, PASSWORD);
    greenMail.start();
    NewReport r = queue("203.0.113.9", DESK);
    MailServer smtp = new MailServer("127.0.0.1", smtps, MailServer.Security.TLS, LOGIN, PASSWORD, "127.0.0.1", TIMEOUT);
    ImapMailbox secureBox = new ImapMailbox(
        new MailServer("127.0.0.1", imaps, MailServer.Security.TLS, LOGIN, PASSWORD, "127.0.0.1", TIMEOUT), "INBOX", clock);
    Courier courier = new Courier(outbox, new SmtpTransport(new SmtpSettings(smtp, REPORTER, REPORTER)), secureBox,
        policy(Duration.ZERO), "reporter.example", "Reporter Org", clock);

    assertThat(courier.send().sent()).isEqualTo(1);
    assertThat(received(DESK)).hasSize(1);
    String messageId = outbox.report(r.id()).orElseThrow().messageId();
    assertThat(secureBox.copyOf(messageId)).isEqualTo(SentCheck.Found.YES);
    assertThat(secureBox.copyOf("<not-ours@example.invalid>")).isEqualTo(SentCheck.Found.NO);

    MailServer wrong = new MailServer("127.0.0.1", smtps, MailServer.Security.TLS, LOGIN, "wrong", "127.0.0.1", TIMEOUT);
    NewReport second = queue("203.0.113.10", DESK);
    SendRun refused = new Courier(outbox, new SmtpTransport(new SmtpSettings(wrong, REPORTER, REPORTER)), secureBox,
        policy(Duration.ZERO), "reporter.example", "Reporter Org", clock).send();
    assertThat(refused.retrying()).isEqualTo(1);
    assertThat(outbox.report(second.id()).orElseThrow().lastError()).containsIgnoringCase("auth");
  }

  @Test
  void startTlsComesBeforeAuthAndThePasswordNeverCrossesInClear() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("250 2.1.5 OK", true, LOGIN, PASSWORD)) {
      NewReport r = queue("203.0.113.9", DESK);
      MailServer server = new MailServer("127.0.0.1", smtp.port(), MailServer.Security.STARTTLS, LOGIN, PASSWORD,
          "127.0.0.1", TIMEOUT);

      SendRun run = courier(outbox, server, REPORTER, policy(Duration.ZERO)).send();

      assertThat(run.sent()).isEqualTo(1);
      List<String> commands = smtp.lines().stream().map(l -> l.command().split(" ")[0].toUpperCase()).toList();
      assertThat(commands).containsSubsequence("EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL", "RCPT", "DATA");
      assertThat(smtp.lines()).filteredOn(l -> l.command().toUpperCase().startsWith("AUTH"))
          .allMatch(ScriptedSmtpServer.Line::tls);
      assertThat(smtp.messages()).singleElement().asString()
          .contains(outbox.report(r.id()).orElseThrow().messageId());
    }
  }

  @Test
  void aServerWithoutStartTlsGetsNoPassword() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer("250 2.1.5 OK", false, LOGIN, PASSWORD)) {
      NewReport r = queue("203.0.113.9", DESK);
      MailServer server = new MailServer("127.0.0.1", smtp.port(), MailServer.Security.STARTTLS, LOGIN, PASSWORD,
          "127.0.0.1", TIMEOUT);

      SendRun run = courier(outbox, server, REPORTER, policy(Duration.ZERO)).send();

      assertThat(run.retrying()).isEqualTo(1);
      assertThat(outbox.report(r.id()).orElseThrow().lastError()).contains("STARTTLS");
      assertThat(smtp.lines()).noneMatch(l -> l.command().toUpperCase().startsWith("AUTH"))
          .noneMatch(l -> l.command().toUpperCase().startsWith("MAIL"));
    }
  }

  @Test
  void settingsRefuseAPasswordInClearToARemoteServerAndABadFromAddress() {
    assertThatThrownBy(() -> new MailServer("smtp.example.org", 587, MailServer.Security.NONE, "u", "p", null, TIMEOUT))
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> new MailServer("smtp.example.org", 587, MailServer.Security.STARTTLS, "u", null, null, TIMEOUT))
        .hasMessageContaining("both");
    assertThatThrownBy(() -> new MailServer("smtp.example.org", 0, MailServer.Security.STARTTLS, null, null, null, TIMEOUT))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> new SmtpSettings(plainSmtp(), "reports at reporter", REPORTER))
        .hasMessageContaining("From");
  }

  // ---- tracking ----

  MimeMessage mail(String raw) throws MessagingException {
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }

  void deliverToReporter(MimeMessage m) {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(REPORTER);
    user.deliver(m);
  }

  MimeMessage reply(String from, String subject, String inReplyTo, String text, boolean automatic) throws MessagingException {
    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(from));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(REPORTER));
    m.setSubject(subject);
    if (inReplyTo != null) {
      m.setHeader("In-Reply-To", inReplyTo);
    }
    if (automatic) {
      m.setHeader("Auto-Submitted", "auto-replied");
    }
    m.setText(text, "UTF-8");
    m.saveChanges();
    return m;
  }

  String dsn(String returnedMessageId) {
    return """
        From: MAILER-DAEMON@mx.provider.example
        To: reports@reporter.example
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <dsn.1@mx.provider.example>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered.
        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.provider.example

        Final-Recipient: rfc822; gone@provider.example
        Action: failed
        Status: 5.1.1

        --b1
        Content-Type: text/rfc822-headers

        From: reports@reporter.example
        To: gone@provider.example
        Message-ID: %s
        Subject: Abuse report

        --b1--
        """.formatted(returnedMessageId).replace("\n", "\r\n");
  }

  @Test
  void repliesInTheMailboxGiveTheRightStatuses() throws Exception {
    greenMail.start();
    NewReport acked = queue("203.0.113.1", "desk1@provider.example");
    NewReport answered = queue("203.0.113.2", "desk2@provider.example");
    NewReport resolved = queue("203.0.113.3", "desk3@provider.example");
    NewReport bounced = queue("203.0.113.4", "gone@provider.example");
    NewReport silent = queue("203.0.113.5", "desk5@provider.example");
    assertThat(courier().send().sent()).isEqualTo(5);
    String ackedId = outbox.report(acked.id()).orElseThrow().messageId();
    OutgoingMessage answeredMessage = outbox.message(outbox.report(answered.id()).orElseThrow().messageId()).orElseThrow();

    deliverToReporter(reply("noreply@desk1.example", "[Ticket#2026112200042] We received your report", ackedId,
        "Thank you. Your ticket has been created.", true));
    deliverToReporter(reply("person@desk2.example", "Re: " + answeredMessage.subject(), null,
        "Hello, we are looking into this and will get back to you.", false));
    deliverToReporter(reply("person@desk3.example", "About your report", null,
        "We have terminated the instance behind report " + resolved.id() + ". Regards", false));
    deliverToReporter(mail(dsn(outbox.report(bounced.id()).orElseThrow().messageId())));
    deliverToReporter(reply("newsletter@shop.example", "Great offers", null, "Buy now, everything resolved!", false));

    Tracker tracker = new Tracker(outbox, mailbox());
    TrackRun run = tracker.poll();

    assertThat(run.ownCopies()).isEqualTo(5);
    assertThat(run.matched()).isEqualTo(4);
    assertThat(run.unrelated()).isEqualTo(1);
    assertThat(outbox.report(acked.id()).orElseThrow().status()).isEqualTo(ReportStatus.ACKNOWLEDGED);
    assertThat(outbox.report(acked.id()).orElseThrow().firstAnswerAt()).as("an acknowledgement is no answer").isNull();
    assertThat(outbox.report(answered.id()).orElseThrow().status()).isEqualTo(ReportStatus.ANSWERED);
    assertThat(outbox.report(answered.id()).orElseThrow().firstAnswerAt()).isNotNull();
    assertThat(outbox.report(resolved.id()).orElseThrow().status()).isEqualTo(ReportStatus.RESOLVED);
    assertThat(outbox.report(bounced.id()).orElseThrow().status()).isEqualTo(ReportStatus.BOUNCED);
    assertThat(outbox.report(silent.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);

    assertThat(tracker.poll().read()).as("the cursor moved past what was read").isZero();
    deliverToReporter(reply("person@desk1.example", "Re: report", ackedId, "Looking at it now.", false));
    assertThat(tracker.poll().matched()).isEqualTo(1);
    assertThat(outbox.report(acked.id()).orElseThrow().status()).isEqualTo(ReportStatus.ANSWERED);
  }

  @Test
  void aSourceThatAttacksAgainAfterResolvedGetsAFollowUpCitingTheFirstReport() throws Exception {
    greenMail.start();
    NewReport first = queue("203.0.113.9", DESK);
    courier().send();
    String firstMessage = outbox.report(first.id()).orElseThrow().messageId();
    deliverToReporter(reply("person@provider.example", "Re: abuse", firstMessage, "The customer was suspended.", false));
    new Tracker(outbox, mailbox()).poll();
    assertThat(outbox.report(first.id()).orElseThrow().status()).isEqualTo(ReportStatus.RESOLVED);

    clock.advance(Duration.ofDays(3));
    NewReport again = queue("203.0.113.9", DESK);
    SendRun run = courier().send();

    assertThat(run.sent()).isEqualTo(1);
    assertThat(outbox.report(first.id()).orElseThrow().status()).isEqualTo(ReportStatus.RE_OFFENDED);
    assertThat(outbox.report(again.id()).orElseThrow().follows()).isEqualTo(first.id());
    MimeMessage followUp = received(DESK).get(1);
    assertThat(header(followUp, "References")).isEqualTo(firstMessage);
    assertThat(header(followUp, "In-Reply-To")).isEqualTo(firstMessage);
    assertThat(followUp.getSubject()).startsWith("Follow-up");
    assertThat(body(followUp)).contains(first.id().toString(), firstMessage, again.id().toString());
  }

  @Test
  void reportQueueTakesAnAbuseReportUnderItsStableId() {
    ReportContext context = new ReportContext("Reporter Org", REPORTER, "reporter.example", List.of(), ZoneId.of("UTC"),
        Redaction.none());
    Instant first = clock.instant().minus(Duration.ofHours(1));
    AbuseReport report = new AbuseReport(UUID.nameUUIDFromBytes("x".getBytes(StandardCharsets.UTF_8)), "sshd-bf",
        ScenarioWording.of("sshd-bf", java.util.Set.of(EventKind.AUTH_FAILURE)), "203.0.113.9", IpAddress.of("203.0.113.9"),
        List.of(), List.of(), List.of(22), Protocol.TCP, first, first.plusSeconds(60), java.time.ZoneOffset.UTC, 40, 40.0,
        List.of("root"), 0, List.of(), context);
    ReportQueue queue = new ReportQueue(outbox, clock);

    assertThat(queue.queue(report, "Example Cloud", DESK).added()).isTrue();
    assertThat(queue.queue(report, "Example Cloud", DESK).added()).isFalse();
    ReportEntry e = outbox.report(report.id()).orElseThrow();
    assertThat(e.report().body()).contains(report.id().toString(), "203.0.113.9");
    assertThat(e.report().format()).isEqualTo("text");
  }
}
