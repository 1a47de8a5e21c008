package org.abuseloop.report.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two couriers, each on its own store connection pool as two processes would be, send one outbox at the
 * same moment through GreenMail's real SMTP server: every message must arrive exactly once. One subclass
 * per database. Not thread-safe; one instance per test, which starts its own threads and servers.
 */
abstract class ConcurrentSendersContract {

  static final String REPORTER = "reports@reporter.example";
  static final int DESKS = 24;

  /** The JDBC URL of this test's fresh database. */
  abstract String url();

  SettableClock clock;
  GreenMail greenMail;

  @BeforeEach
  void startMail() throws IOException {
    clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    greenMail.setUser(REPORTER, "reports", "s3cret-for-tests");
    greenMail.start();
  }

  @AfterEach
  void stopMail() {
    greenMail.stop();
  }

  @RepeatedTest(3)
  void twoSendersAtOnceDeliverEachMessageOnce() throws Exception {
    try (Store a = Store.open(url()); Store b = Store.open(url())) {
      List<NewReport> queued = new ArrayList<>();
      for (int i = 0; i < DESKS; i++) {
        queued.add(queue(a, "198.51.100." + (i + 1), "abuse@desk" + i + ".example"));
      }

      List<SendRun> runs = race(courier(a), courier(b));

      assertThat(runs.stream().mapToInt(SendRun::sent).sum()).isEqualTo(DESKS);
      Map<String, Long> perDesk = greenMail.findReceivedMessages(u -> u.getEmail().startsWith("abuse@"), m -> true)
          .map(ConcurrentSendersContract::messageId)
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(perDesk).hasSize(DESKS);
      assertThat(perDesk.values()).as("each Message-ID received once").containsOnly(1L);
      for (NewReport r : queued) {
        ReportEntry e = a.outbox().report(r.id()).orElseThrow();
        assertThat(e.status()).isEqualTo(ReportStatus.SENT);
        assertThat(a.outbox().message(e.messageId()).orElseThrow().attempts()).isEqualTo(1);
      }
    }
  }

  // Both couriers start on one signal, so that they settle, compose and claim at the same time.
  private static List<SendRun> race(Courier first, Courier second) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SendRun>> runs = new ArrayList<>();
      for (Courier c : List.of(first, second)) {
        runs.add(threads.submit(() -> {
          start.await();
          return c.send();
        }));
      }
      start.countDown();
      List<SendRun> done = new ArrayList<>();
      for (Future<SendRun> f : runs) {
        done.add(f.get(2, TimeUnit.MINUTES));
      }
      return done;
    } finally {
      threads.shutdownNow();
    }
  }

  private Courier courier(Store store) {
    MailServer smtp = new MailServer("127.0.0.1", greenMail.getSmtp().getPort(), MailServer.Security.NONE, null, null,
        null, Duration.ofSeconds(10));
    MailServer imap = new MailServer("127.0.0.1", greenMail.getImap().getPort(), MailServer.Security.NONE, "reports",
        "s3cret-for-tests", null, Duration.ofSeconds(10));
    OutboxPolicy policy = new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, Duration.ZERO, 4, Duration.ofMinutes(1),
        Duration.ofHours(1), 5, Duration.ofMinutes(10));
    return new Courier(store.outbox(), new SmtpTransport(new SmtpSettings(smtp, REPORTER, REPORTER)),
        new ImapMailbox(imap, "INBOX", clock), policy, "reporter.example", "Reporter Org", clock);
  }

  private NewReport queue(Store store, String source, String contact) {
    Instant first = clock.instant().minus(Duration.ofHours(2));
    UUID id = UUID.nameUUIDFromBytes((source + "|" + contact + "|" + first).getBytes(StandardCharsets.UTF_8));
    NewReport r = new NewReport(id, source, "sshd-bf", first, first.plusSeconds(300), "Example Cloud", contact, "text",
        "Abuse report " + id + "\nSource:      " + source + "\n");
    store.outbox().enqueue(r, ReportStatus.QUEUED, clock.instant());
    return r;
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
