package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.report.outbox.Courier;
import org.abuseloop.report.outbox.Delivery;
import org.abuseloop.report.outbox.Desk;
import org.abuseloop.report.outbox.MailServer;
import org.abuseloop.report.outbox.MailTransport;
import org.abuseloop.report.outbox.OutboxPolicy;
import org.abuseloop.report.outbox.ReportQueue;
import org.abuseloop.report.outbox.Routes;
import org.abuseloop.report.outbox.SentCheck;
import org.abuseloop.report.outbox.SmtpSettings;
import org.abuseloop.report.outbox.SmtpTransport;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the samples under {@code docs/samples/outbox/} true: each is what the outbox hands over for two
 * sources of the test incidents (documentation addresses) queued for a desk taking one format: the mail
 * as it goes to SMTP (bytes of the MIME message, Bcc not shown), the body of an API call, or a web form's
 * file. Fails when the code now sends something else; run with {@code -Dabuseloop.writeSamples=true} to
 * write them afresh (then review the diff), as the cli's ReportSamplesTest does for the preview.
 */
class OutboxSamplesTest {

  static final Path DIR = Path.of("..", "docs", "samples", "outbox");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-15T08:00:00Z"), ZoneOffset.UTC);
  private static final boolean WRITE = Boolean.getBoolean("abuseloop.writeSamples");

  /** One sample: the desk's format, the scenario reported, the sample's file name. */
  record Sample(String format, String scenario, String file) {}

  static List<Sample> samples() {
    return List.of(
        new Sample("text", "sshd-bf", "mail-text.eml"),
        new Sample("xarf", "sshd-bf", "mail-xarf.eml"),
        new Sample("xarf-mail", "sshd-bf", "mail-xarf-mail.eml"),
        new Sample("arf", "mail-reject", "mail-arf.eml"),
        new Sample("iodef", "port-sweep", "mail-iodef.eml"),
        new Sample("aws-csv", "port-sweep", "mail-aws-csv.eml"),
        new Sample("abuseipdb", "sshd-bf", "api-abuseipdb-bulk.csv"),
        new Sample("msrc-api", "sshd-bf", "api-msrc.json"),
        new Sample("web-form", "port-sweep", "web-form.txt"));
  }

  @TempDir
  Path tmp;

  @ParameterizedTest
  @MethodSource("samples")
  void theSampleIsWhatTheOutboxSendsNow(Sample s) throws Exception {
    List<OutgoingMessage> handed = new ArrayList<>();
    MailTransport capture = m -> {
      handed.add(m);
      return new Delivery(Delivery.Outcome.ACCEPTED, "captured");
    };
    SmtpTransport smtp = new SmtpTransport(new SmtpSettings(new MailServer("127.0.0.1", 25, MailServer.Security.NONE,
        null, null, null, Duration.ofSeconds(1)), "reports@reporter.example", "reports@reporter.example"));
    String produced;
    try (Store store = Store.open("jdbc:sqlite:" + tmp.resolve("outbox.db"))) {
      AbuseReport a = OutboxFormatsIT.report(s.scenario());
      ReportQueue queue = new ReportQueue(store.outbox(), CLOCK);
      Desk desk = new Desk("abuse@provider.example", "https://forms.provider.example/abuse",
          "https://api.provider.example/", List.of(s.format()));
      for (AbuseReport r : List.of(a, OutboxFormatsIT.from(a, "203.0.113.10"))) {
        assertThat(queue.queue(r, "example-cloud", desk).format()).isEqualTo(s.format());
      }
      OutboxPolicy policy = new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, Duration.ZERO, 10, Duration.ofMinutes(1),
          Duration.ofHours(1), 5, Duration.ofMinutes(10));
      new Courier(store.outbox(), new Routes(capture, capture, capture, tmp.resolve("forms")), SentCheck.none(), policy,
          "reporter.example", "Reporter Org", CLOCK).send();
      if (s.format().equals("web-form")) {
        produced = Files.readString(Path.of(store.outbox().report(a.id()).orElseThrow().formFile()));
      } else if (handed.get(0).isMail()) {
        OutgoingMessage first = handed.stream().filter(m -> m.body().contains("203.0.113.9")).findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        smtp.mime(first).writeTo(out, new String[] {"Bcc"});
        produced = out.toString(StandardCharsets.UTF_8);
      } else {
        produced = handed.get(0).body();
      }
    }
    Path committed = DIR.resolve(s.file());
    if (WRITE) {
      Files.createDirectories(DIR);
      Files.writeString(committed, produced, StandardCharsets.UTF_8);
    }
    assertThat(committed).as("docs/samples/outbox/%s is missing: run with -Dabuseloop.writeSamples=true", s.file())
        .exists();
    assertThat(Files.readString(committed, StandardCharsets.UTF_8))
        .as("docs/samples/outbox/%s is not what the outbox sends now: run with -Dabuseloop.writeSamples=true and review"
            + " the diff", s.file())
        .isEqualTo(produced);
  }
}
