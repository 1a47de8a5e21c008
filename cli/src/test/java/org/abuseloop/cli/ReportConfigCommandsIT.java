package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report send} and {@code report replies} configured by a file's {@code report:} section instead of
 * flags, against GreenMail's SMTP and IMAP on loopback; a flag overrides the file; {@code config check}
 * validates the section. Not thread-safe; one instance per test.
 */
class ReportConfigCommandsIT {

  static final String REPORTER = ReporterMail.REPORTER;
  static final String DESK = "abuse@provider.example";

  @TempDir
  Path dir;

  @RegisterExtension
  final ReporterMail mail = new ReporterMail();

  String storeUrl;

  @BeforeEach
  void setUp() throws IOException {
    storeUrl = "jdbc:sqlite:" + dir.resolve("abuseloop.db");
    Files.writeString(dir.resolve("mail.pass"), ReporterMail.PASSWORD + "\n");
  }

  private Path config(int smtp) throws IOException {
    return Files.writeString(dir.resolve("abuseloop.yaml"), """
        report:
          mode: automatic
          from: %s
          reply-to: replies@reporter.example
          organisation: Reporter Org
          store: %s
          smtp:
            host: 127.0.0.1
            port: %d
            security: none
          imap:
            host: 127.0.0.1
            port: %d
            security: none
            user: reports
            password-file: mail.pass
          limits:
            batch-period: 0
        """.formatted(REPORTER, storeUrl, smtp, mail.imapPort()));
  }

  private NewReport queue(String source) {
    Instant first = Instant.now().minus(Duration.ofHours(3));
    UUID id = UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8));
    NewReport r = new NewReport(id, source, "sshd-bf", first, first.plusSeconds(120), "Example Cloud", DESK, "text",
        "Abuse report " + id + "\n");
    try (Store store = Store.open(storeUrl)) {
      store.outbox().enqueue(r, ReportStatus.QUEUED, Instant.now());
    }
    return r;
  }

  @Test
  void sendAndRepliesTakeTheirSettingsFromTheFile() throws Exception {
    NewReport r = queue("203.0.113.9");
    Path file = config(mail.smtpPort());

    CommandRun send = CommandRun.of("report", "send", "--config", file.toString());
    CommandRun replies = CommandRun.of("report", "replies", "--config", file.toString());

    assertThat(send.exitCode()).as(send.err()).isZero();
    assertThat(send.out()).contains("sent 1");
    MimeMessage m = mail.server().findReceivedMessages(u -> u.getEmail().equals(DESK), x -> true).findFirst().orElseThrow();
    assertThat(m.getReplyTo()[0].toString()).isEqualTo("replies@reporter.example");
    assertThat(m.getFrom()[0].toString()).isEqualTo(REPORTER);
    assertThat(replies.exitCode()).as(replies.err()).isZero();
    assertThat(replies.out()).contains("1 copies of our reports");
    try (Store store = Store.open(storeUrl)) {
      assertThat(store.outbox().report(r.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
    }
  }

  @Test
  void aFlagOverridesTheFile() throws Exception {
    queue("203.0.113.9");
    Path file = config(ReporterMail.freePort());

    CommandRun overridden = CommandRun.of("report", "send", "--config", file.toString(), "--smtp-port",
        Integer.toString(mail.smtpPort()));
    queue("203.0.113.10");
    CommandRun fromFile = CommandRun.of("report", "send", "--config", file.toString());

    assertThat(overridden.exitCode()).as(overridden.err()).isZero();
    assertThat(overridden.out()).contains("sent 1");
    assertThat(fromFile.out()).as(fromFile.err()).contains("sent 0, retrying 1");
    assertThat(mail.server().getReceivedMessages()).as("the desk's message and the Bcc copy").hasSize(2);
  }

  @Test
  void configCheckValidatesTheSectionAloneOrBesideWatch() throws Exception {
    Path file = config(mail.smtpPort());
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        sources:
          - kind: stdin
        report:
          smtp:
            host: smtp.reporter.example
            user: reports
            password: hunter2
        """);

    CommandRun ok = CommandRun.of("config", "check", file.toString());
    CommandRun refused = CommandRun.of("config", "check", bad.toString());

    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("ok: " + file, "report:    mode automatic", "smtp:      127.0.0.1:" + mail.smtpPort())
        .doesNotContain("sources:");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("report.smtp.password: a password is not kept in the configuration file in clear")
        .contains("(line 7, column 5)");
  }

  @Test
  void sendWithABadSectionSaysWhereAndSendsNothing() throws Exception {
    queue("203.0.113.9");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        report:
          from: reports@reporter.example
          smtp:
            host: 127.0.0.1
            port: zero
        """);

    CommandRun r = CommandRun.of("report", "send", "--config", bad.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("report.smtp.port: expected a whole number, got 'zero' (line 5, column 5)");
    assertThat(mail.server().getReceivedMessages()).isEmpty();
  }
}
