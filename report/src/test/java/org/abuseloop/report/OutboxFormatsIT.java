package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.report.outbox.Courier;
import org.abuseloop.report.outbox.Desk;
import org.abuseloop.report.outbox.MailServer;
import org.abuseloop.report.outbox.OutboxPolicy;
import org.abuseloop.report.outbox.ReportQueue;
import org.abuseloop.report.outbox.Routes;
import org.abuseloop.report.outbox.SendRun;
import org.abuseloop.report.outbox.SentCheck;
import org.abuseloop.report.outbox.SmtpSettings;
import org.abuseloop.report.outbox.SmtpTransport;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mail format as the outbox sends it, received by GreenMail's real SMTP server on loopback and parsed
 * back from its raw bytes with Angus Mail: the MIME structure, the content types and file names, and the
 * X-ARF v4 attachments validated against the corpus schemas. Not thread-safe; one instance per test.
 */
class OutboxFormatsIT {

  static final String REPORTER = "reports@reporter.example";
  static final String DESK = "abuse@provider.example";

  @TempDir
  Path dir;

  SettableClock clock;
  Store store;
  GreenMail greenMail;
  int smtpPort;

  @BeforeEach
  void setUp() throws IOException {
    clock = new SettableClock(Instant.parse("2026-03-15T08:00:00Z"));
    store = Store.open("jdbc:sqlite:" + dir.resolve("outbox.db"));
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      smtpPort = s.getLocalPort();
    }
    greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  @AfterEach
  void tearDown() {
    greenMail.stop();
    store.close();
  }

  static AbuseReport report(String scenario) {
    return AbuseReport.of(Incidents.complete(Incidents.kind(scenario)), Incidents.context()).get(0);
  }

  /** The same report from another address (its own id). */
  static AbuseReport from(AbuseReport r, String address) {
    return new AbuseReport(UUID.nameUUIDFromBytes((r.id() + address).getBytes(StandardCharsets.UTF_8)), r.scenario(),
        r.wording(), address, IpAddress.parse(address), r.sourcePorts(), r.destinations(), r.destinationPorts(),
        r.protocol(), r.first(), r.last(), r.offset(), r.count(), r.ratePerMinute(), r.users(), r.otherUsers(),
        r.extracts(), r.reporter());
  }

  /** Queues {@code reports} for a desk taking {@code format}, sends, and returns the desk's mails re-parsed. */
  List<MimeMessage> send(String format, AbuseReport... reports) throws Exception {
    ReportQueue queue = new ReportQueue(store.outbox(), clock);
    for (AbuseReport r : reports) {
      ReportQueue.Queued q = queue.queue(r, "example-cloud", new Desk(DESK, null, null, List.of(format)));
      assertThat(q.format()).as(q.note()).isEqualTo(format);
    }
    MailServer smtp = new MailServer("127.0.0.1", smtpPort, MailServer.Security.NONE, null, null, null,
        Duration.ofSeconds(10));
    OutboxPolicy policy = new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, Duration.ZERO, 10, Duration.ofMinutes(1),
        Duration.ofHours(1), 5, Duration.ofMinutes(10));
    Courier courier = new Courier(store.outbox(), Routes.mailOnly(new SmtpTransport(new SmtpSettings(smtp, REPORTER,
        REPORTER))), SentCheck.none(), policy, "reporter.example", "Reporter Org", clock);
    SendRun run = courier.send();
    assertThat(run.failed()).isZero();
    for (AbuseReport r : reports) {
      assertThat(store.outbox().report(r.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
    }
    List<MimeMessage> parsed = new ArrayList<>();
    for (MimeMessage m : greenMail.findReceivedMessages(u -> u.getEmail().equals(DESK), m -> true).toList()) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      m.writeTo(raw);
      parsed.add(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray())));
    }
    return parsed;
  }

  static List<BodyPart> parts(Part p) throws Exception {
    Multipart mp = (Multipart) p.getContent();
    List<BodyPart> parts = new ArrayList<>();
    for (int i = 0; i < mp.getCount(); i++) {
      parts.add(mp.getBodyPart(i));
    }
    return parts;
  }

  static String type(Part p) throws Exception {
    return new ContentType(p.getContentType()).getBaseType();
  }

  static String text(Part p) throws Exception {
    return Mails.text((BodyPart) p);
  }

  static void commonHeaders(MimeMessage m) throws Exception {
    assertThat(m.getMessageID()).startsWith("<abuseloop.").endsWith("@reporter.example>");
    assertThat(m.getSubject()).contains("[abuseloop ");
    assertThat(m.getHeader("Auto-Submitted")).as("auto-responders must answer").isNull();
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(m.getRecipients(MimeMessage.RecipientType.TO)[0].toString()).isEqualTo(DESK);
  }

  @Test
  void xarfV4GoesAsOneJsonAttachmentPerSourceBesideTheText() throws Exception {
    AbuseReport a = report("sshd-bf");
    AbuseReport b = from(a, "203.0.113.10");

    List<MimeMessage> mails = send("xarf", a, b);

    assertThat(mails).as("one message per contact with all its sources").hasSize(1);
    MimeMessage m = mails.get(0);
    commonHeaders(m);
    assertThat(type(m)).isEqualTo("multipart/mixed");
    List<BodyPart> parts = parts(m);
    assertThat(parts).hasSize(3);
    assertThat(type(parts.get(0))).isEqualTo("text/plain");
    assertThat(text(parts.get(0))).contains("203.0.113.9", "203.0.113.10", a.id().toString(), "Log extracts");
    for (int i = 1; i < 3; i++) {
      BodyPart p = parts.get(i);
      assertThat(type(p)).isEqualTo("application/json");
      assertThat(p.getDisposition()).isEqualTo(Part.ATTACHMENT);
      assertThat(p.getFileName()).matches("xarf-[0-9a-f-]{36}\\.json");
      String json = text(p);
      assertThat(XarfSchemas.problems(XarfSchemas.schema("xarf-v4-master.json"), json)).isEmpty();
      assertThat(XarfSchemas.problems(XarfSchemas.schema("types/connection-login-attack.json"), json)).isEmpty();
    }
    assertThat(text(parts.get(1)) + text(parts.get(2))).contains("\"203.0.113.9\"", "\"203.0.113.10\"");
  }

  @Test
  void xarf02GoesAsOneMailPerSourceInBlocklistDesShape() throws Exception {
    AbuseReport a = report("sshd-bf");
    AbuseReport b = from(a, "203.0.113.10");

    List<MimeMessage> mails = send("xarf-mail", a, b);

    assertThat(mails).as("X-ARF 0.2: one report per mail").hasSize(2);
    List<String> sources = new ArrayList<>();
    for (MimeMessage m : mails) {
      commonHeaders(m);
      assertThat(m.getHeader("X-XARF")[0]).isEqualTo("PLAIN");
      assertThat(type(m)).isEqualTo("multipart/mixed");
      List<BodyPart> parts = parts(m);
      assertThat(parts).extracting(OutboxFormatsIT::type).containsExactly("text/plain", "text/plain", "text/plain");
      assertThat(parts.get(1).getFileName()).isEqualTo("report.txt");
      assertThat(parts.get(2).getFileName()).isEqualTo("logfile.log");
      String yaml = text(parts.get(1));
      assertThat(yaml).contains("Report-Type: login-attack", "Version: 0.2", "Category: abuse");
      sources.add(yaml.lines().filter(l -> l.startsWith("Source: ")).findFirst().orElseThrow());
    }
    assertThat(sources).containsExactlyInAnyOrder("Source: 203.0.113.9", "Source: 203.0.113.10");
  }

  @Test
  void arfIsAFeedbackReportPerSource() throws Exception {
    AbuseReport a = report("mail-reject");

    List<MimeMessage> mails = send("arf", a, from(a, "203.0.113.10"));

    assertThat(mails).as("RFC 5965: one feedback report per message").hasSize(2);
    for (MimeMessage m : mails) {
      commonHeaders(m);
      ContentType ct = new ContentType(m.getContentType());
      assertThat(ct.getBaseType()).isEqualTo("multipart/report");
      assertThat(ct.getParameter("report-type")).isEqualTo("feedback-report");
      List<BodyPart> parts = parts(m);
      assertThat(parts).extracting(OutboxFormatsIT::type)
          .containsExactly("text/plain", "message/feedback-report", "text/rfc822-headers");
    }
  }

  @Test
  void iodefGoesAsOneXmlAttachmentPerSource() throws Exception {
    AbuseReport a = report("port-sweep");

    List<MimeMessage> mails = send("iodef", a, from(a, "203.0.113.10"));

    assertThat(mails).hasSize(1);
    commonHeaders(mails.get(0));
    List<BodyPart> parts = parts(mails.get(0));
    assertThat(parts).extracting(OutboxFormatsIT::type).containsExactly("text/plain", "application/xml",
        "application/xml");
    for (BodyPart p : parts.subList(1, 3)) {
      assertThat(p.getFileName()).matches("iodef-[0-9a-f-]{36}\\.xml");
      assertThat(IodefSchema.problems(text(p))).isEmpty();
    }
  }

  @Test
  void awsCsvGoesAsOneCsvForEverySource() throws Exception {
    AbuseReport a = report("port-sweep");

    List<MimeMessage> mails = send("aws-csv", a, from(a, "203.0.113.10"));

    assertThat(mails).hasSize(1);
    List<BodyPart> parts = parts(mails.get(0));
    assertThat(parts).extracting(OutboxFormatsIT::type).containsExactly("text/plain", "text/csv");
    assertThat(parts.get(1).getFileName()).isEqualTo("abuse-report.csv");
    List<String> rows = text(parts.get(1)).lines().toList();
    assertThat(rows.get(0)).startsWith("source_ip,source_port,destination_ip");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).startsWith("203.0.113.9,");
    assertThat(rows.get(2)).startsWith("203.0.113.10,");
  }

  @Test
  void textIsOnePlainMessage() throws Exception {
    AbuseReport a = report("sshd-bf");

    List<MimeMessage> mails = send("text", a, from(a, "203.0.113.10"));

    assertThat(mails).hasSize(1);
    commonHeaders(mails.get(0));
    assertThat(type(mails.get(0))).isEqualTo("text/plain");
    assertThat(mails.get(0).getContent().toString()).contains("203.0.113.9", "203.0.113.10", "Log extracts");
  }
}
