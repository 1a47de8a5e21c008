package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox commands end to end: approve, send, replies and stats run as the command line runs them,
 * against GreenMail's SMTP and IMAP on loopback and a SQLite store. Not thread-safe; one instance per test.
 */
class OutboxCommandsIT {

  static final String REPORTER = ReporterMail.REPORTER;
  static final String DESK = "abuse@provider.example";

  @TempDir
  Path dir;

  @RegisterExtension
  final ReporterMail mail = new ReporterMail();

  String storeUrl;
  Path passwordFile;

  @BeforeEach
  void setUp() throws IOException {
    storeUrl = "jdbc:sqlite:" + dir.resolve("abuseloop.db");
    passwordFile = Files.writeString(dir.resolve("imap-password"), ReporterMail.PASSWORD + "\n");
  }

  private NewReport queue(String source, String provider) {
    Instant first = Instant.now().minus(Duration.ofHours(3));
    UUID id = UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8));
    NewReport r = new NewReport(id, source, "sshd-bf", first, first.plusSeconds(120), provider, DESK, "text",
        "Abuse report " + id + "\n");
    try (Store store = Store.open(storeUrl)) {
      store.outbox().enqueue(r, ReportStatus.QUEUED, Instant.now());
    }
    return r;
  }

  // An API on loopback that answers every call 200 and records it as "PATH BODY" in calls.
  private static com.sun.net.httpserver.HttpServer recordingApi(List<String> calls) throws IOException {
    com.sun.net.httpserver.HttpServer api = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", x -> {
      calls.add(x.getRequestURI().getPath() + " " + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, ok.length);
      x.getResponseBody().write(ok);
      x.close();
    });
    api.start();
    return api;
  }

  private String[] withMail(String command, String... more) {
    List<String> args = new ArrayList<>(List.of("report", command, "--store", storeUrl, "--from", REPORTER,
        "--imap-host", "127.0.0.1", "--imap-port", Integer.toString(mail.imapPort()), "--imap-security", "none",
        "--imap-user", "reports", "--imap-password-file", passwordFile.toString()));
    if (command.equals("send")) {
      args.addAll(List.of("--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(mail.smtpPort()), "--smtp-security", "none",
          "--batch-period", "PT0S"));
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void approveSendRepliesAndStats() throws Exception {
    NewReport a = queue("203.0.113.9", "Example Cloud");
    NewReport b = queue("203.0.113.10", "Example Cloud");

    CommandRun waiting = CommandRun.of("report", "approve", "--store", storeUrl);
    assertThat(waiting.out()).contains(a.id().toString(), b.id().toString(), "2 report(s) waiting");
    CommandRun nothingApproved = CommandRun.of(withMail("send"));
    assertThat(nothingApproved.exitCode()).as(nothingApproved.err()).isZero();
    assertThat(mail.server().getReceivedMessages()).isEmpty();

    CommandRun approve = CommandRun.of("report", "approve", "--store", storeUrl, a.id().toString().substring(0, 8));
    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(approve.out()).contains("approved " + a.id());
    CommandRun sent = CommandRun.of(withMail("send"));
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("sent 1");
    MimeMessage atDesk = mail.server().findReceivedMessages(u -> u.getEmail().equals(DESK), m -> true).findFirst().orElseThrow();

    MimeMessage answer = new MimeMessage(Session.getInstance(new Properties()));
    answer.setFrom(new InternetAddress("person@provider.example"));
    answer.setRecipient(Message.RecipientType.TO, new InternetAddress(REPORTER));
    answer.setSubject("Re: " + atDesk.getSubject());
    answer.setHeader("In-Reply-To", atDesk.getMessageID());
    answer.setText("We have suspended the customer's server.");
    mail.server().getUserManager().getUserByEmail(REPORTER).deliver(answer);
    CommandRun replies = CommandRun.of(withMail("replies"));
    assertThat(replies.exitCode()).as(replies.err()).isZero();
    assertThat(replies.out()).contains("1 replies recorded", "1 copies of our reports");

    CommandRun stats = CommandRun.of("report", "stats", "--store", storeUrl, "--format", "json");
    assertThat(stats.exitCode()).as(stats.err()).isZero();
    JsonNode cloud = new ObjectMapper().readTree(stats.out()).at("/providers/0");
    assertThat(cloud.get("provider").asText()).isEqualTo("Example Cloud");
    assertThat(cloud.get("sent").asInt()).isEqualTo(1);
    assertThat(cloud.get("share_answered").asDouble()).isEqualTo(1.0);
    assertThat(cloud.get("resolved").asInt()).isEqualTo(1);
    assertThat(cloud.get("median_first_answer_seconds").isNumber()).isTrue();
    CommandRun text = CommandRun.of("report", "stats", "--store", storeUrl);
    assertThat(text.out()).contains("Example Cloud", "100.0%");

    SweepLog sweep = SweepLog.writeInto(Files.createDirectory(dir.resolve("sweep")));
    Path html = dir.resolve("page.html");
    CommandRun page = CommandRun.of("analyze", "--zone", "UTC", "--ranges", sweep.ranges().toString(), "--html",
        html.toString(), "--store", storeUrl, sweep.log().toString());
    assertThat(page.exitCode()).as(page.err()).isZero();
    assertThat(Files.readString(html)).contains("<h2>Abuse desks</h2>", "data-provider=\"Example Cloud\" data-sent=\"1\"");
  }

  @Test
  void missingSettingsAreOneClearLine() {
    CommandRun r = CommandRun.of("report", "send", "--store", storeUrl, "--from", REPORTER);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing --smtp-host");
    CommandRun clear = CommandRun.of("report", "send", "--store", storeUrl, "--from", REPORTER, "--smtp-host", "smtp.example.org",
        "--smtp-security", "none", "--smtp-user", "u", "--smtp-password-file", passwordFile.toString());
    assertThat(clear.exitCode()).isEqualTo(2);
    assertThat(clear.err()).contains("loopback");
  }

  @Test
  void queueingTheSameLogsTwiceQueuesEachReportOnce() throws Exception {
    List<Path> logs = ExampleLogs.copyInto(Files.createDirectory(dir.resolve("logs")));
    List<String> args = new ArrayList<>(List.of("report", "--queue", "--store", storeUrl, "--zone", "UTC", "--ranges",
        ExampleLogs.EXAMPLES.resolve("ranges").toString(), "--reporter-org", "Example Telephony Ltd",
        "--reporter-contact", "abuse@example.net", "--reporter-domain", "example.net", "--destination", "192.0.2.25"));
    logs.forEach(l -> args.add(l.toString()));

    CommandRun first = CommandRun.of(args.toArray(String[]::new));
    CommandRun again = CommandRun.of(args.toArray(String[]::new));

    assertThat(first.exitCode()).as(first.err()).isZero();
    String[] words = first.out().strip().split(" ");
    int queued = Integer.parseInt(words[0]);
    int seen = queued + Integer.parseInt(words[3]); // reports shared by incidents count once
    assertThat(queued).as(first.out()).isPositive();
    assertThat(again.out()).startsWith("0 reports queued, " + seen + " already in the outbox");
    try (Store store = Store.open(storeUrl)) {
      assertThat(store.outbox().reports()).hasSize(queued)
          .allSatisfy(e -> assertThat(e.report().contact()).as("a mail format goes to an address, a form or API to its URL")
              .matches(org.abuseloop.report.outbox.Channels.of(e.report().format()).equals("smtp") ? ".+@.+" : "https://.+"))
          .allSatisfy(e -> assertThat(e.report().readable()).contains(e.id().toString()));
    }
    CommandRun neither = CommandRun.of("report", "--store", storeUrl);
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("--preview").contains("--queue");
  }

  @Test
  void queuedReportsGoByTheirDesksChannelsAndStatsCountThem() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer api = recordingApi(seen);
    try {
      List<Path> logs = ExampleLogs.copyInto(Files.createDirectory(dir.resolve("logs")));
      List<String> args = new ArrayList<>(List.of("report", "--queue", "--store", storeUrl, "--zone", "UTC", "--ranges",
          ExampleLogs.EXAMPLES.resolve("ranges").toString(), "--reporter-org", "Example Telephony Ltd",
          "--reporter-contact", "abuse@example.net", "--reporter-domain", "example.net", "--destination", "192.0.2.25"));
      logs.forEach(l -> args.add(l.toString()));
      CommandRun queued = CommandRun.of(args.toArray(String[]::new));
      assertThat(queued.exitCode()).as(queued.err()).isZero();
      String base = "http://127.0.0.1:" + api.getAddress().getPort();
      Path forms = dir.resolve("forms");
      Path key = Files.writeString(dir.resolve("abuseipdb-key"), "key-for-tests\n");

      CommandRun sent = CommandRun.of(withMail("send", "--mode", "automatic", "--per-contact-per-day", "100",
          "--forms-dir", forms.toString(), "--msrc-url", base + "/report/v2.0/abuse", "--abuseipdb-url", base + "/api/v2/",
          "--abuseipdb-key-file", key.toString()));
      assertThat(sent.exitCode()).as(sent.out() + sent.err()).isZero();

      java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
      try (Store store = Store.open(storeUrl)) {
        for (org.abuseloop.core.outbox.ReportEntry e : store.outbox().reports()) {
          String kind = org.abuseloop.report.outbox.Channels.kind(e.report().format());
          kinds.merge(kind, 1, Integer::sum);
          switch (kind) {
            case "web-form" -> {
              assertThat(e.status()).isEqualTo(ReportStatus.MANUAL);
              assertThat(Path.of(e.formFile())).startsWith(forms).isRegularFile();
              assertThat(Files.readString(Path.of(e.formFile()))).contains("Form: https://", "Source IP: " + e.report().source());
            }
            case "msrc-api" -> {
              assertThat(e.status()).isEqualTo(ReportStatus.SENT);
              assertThat(seen).anyMatch(r -> r.startsWith("/report/v2.0/abuse ") && r.contains(e.report().source()));
            }
            default -> assertThat(e.status()).as(e.report().format()).isEqualTo(ReportStatus.SENT);
          }
        }
      }
      assertThat(kinds).as(queued.out()).containsKeys("mail", "web-form");
      CommandRun approve = CommandRun.of("report", "approve", "--store", storeUrl);
      assertThat(approve.out()).contains("manual", "not submitted by abuseloop");
      JsonNode channels = new ObjectMapper().readTree(CommandRun.of("report", "stats", "--store", storeUrl, "--format",
          "json").out()).get("channels");
      for (JsonNode c : channels) {
        assertThat(c.get("reports").asInt()).isEqualTo(kinds.get(c.get("channel").asText()));
      }
      assertThat(channels.size()).isEqualTo(kinds.size());
      assertThat(mail.server().findReceivedMessages(u -> !u.getEmail().equals(REPORTER), m -> true).count()).isPositive();
    } finally {
      api.stop(0);
    }
  }

  // Reports of one AbuseIPDB call that a crash left uncertain an hour ago, as Courier.settle leaves it.
  private String uncertainCall(String uuid, NewReport... reports) {
    Instant before = Instant.now().minus(Duration.ofHours(1));
    String messageId = "<abuseloop." + uuid + "@reporter.example>";
    try (Store store = Store.open(storeUrl)) {
      org.abuseloop.core.outbox.OutboxLedger outbox = store.outbox();
      for (NewReport r : reports) {
        outbox.enqueue(r, ReportStatus.QUEUED, before);
      }
      outbox.compose(new org.abuseloop.core.outbox.OutgoingMessage(messageId, "https://api.abuseipdb.example/",
          "Abuse report [abuseloop " + uuid.substring(0, 8) + "]", "{\"ip\":\"" + reports[0].source()
          + "\",\"categories\":\"22\"}", null, java.util.Arrays.stream(reports).map(NewReport::id).toList(),
          org.abuseloop.core.outbox.MessageStatus.PENDING, 0, null, null, null, null, before, "abuseipdb", "abuseipdb"),
          before);
      assertThat(outbox.claimDue("crashed", before, 1)).hasSize(1);
      assertThat(outbox.takeOver(messageId, "settler", Instant.now())).isTrue();
      assertThat(outbox.markUncertain(messageId, "settler", "uncertain: the call may have reached it", before)).isTrue();
    }
    return messageId;
  }

  private NewReport apiReport(String source) {
    Instant first = Instant.now().minus(Duration.ofHours(3));
    UUID id = UUID.nameUUIDFromBytes(("api " + source).getBytes(StandardCharsets.UTF_8));
    return new NewReport(id, source, "sshd-bf", first, first.plusSeconds(120), "Example Cloud",
        "https://api.abuseipdb.example/", "abuseipdb", "{\"ip\":\"" + source + "\"}", "tcp", "Abuse report " + id);
  }

  private ReportStatus status(UUID report) {
    try (Store store = Store.open(storeUrl)) {
      return store.outbox().report(report).orElseThrow().status();
    }
  }

  @Test
  void theOperatorSettlesAnUncertainCallByReportOrMessageId() throws Exception {
    NewReport a = apiReport("203.0.113.9");
    NewReport b = apiReport("203.0.113.10");
    NewReport c = apiReport("198.51.100.7");
    String both = uncertainCall("1a2b3c4d-0000-3000-8000-00000000000a", a, b);
    uncertainCall("1a2b3c4d-0000-3000-8000-00000000000c", c);
    NewReport mail = queue("198.51.100.99", "Example Cloud");

    CommandRun listed = CommandRun.of("report", "approve", "--store", storeUrl);
    assertThat(listed.out()).contains("uncertain " + a.id(), "report settle " + a.id().toString().substring(0, 8));
    CommandRun ambiguous = CommandRun.of("report", "settle", "--store", storeUrl, "1a2b3c4d", "--delivered");
    assertThat(ambiguous.exitCode()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("names 2 messages", "give more characters");
    CommandRun unknown = CommandRun.of("report", "settle", "--store", storeUrl, "ffffffff", "--delivered");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no report or message ffffffff");
    CommandRun tooShort = CommandRun.of("report", "settle", "--store", storeUrl, "1a2b", "--delivered");
    assertThat(tooShort.err()).contains("at least 8 characters");
    CommandRun noAnswer = CommandRun.of("report", "settle", "--store", storeUrl, a.id().toString());
    assertThat(noAnswer.exitCode()).isEqualTo(2);
    assertThat(noAnswer.err()).contains("--delivered", "--not-delivered", "--abandoned");
    CommandRun notInAMessage = CommandRun.of("report", "settle", "--store", storeUrl, mail.id().toString(), "--delivered");
    assertThat(notInAMessage.err()).contains("is in no message (it is queued)");

    CommandRun delivered = CommandRun.of("report", "settle", "--store", storeUrl, b.id().toString().substring(0, 10),
        "--delivered", "--note", "both in the AbuseIPDB account");
    assertThat(delivered.exitCode()).as(delivered.err()).isZero();
    assertThat(delivered.out()).contains(a.id() + "  203.0.113.9  sent", b.id() + "  203.0.113.10  sent", both);
    assertThat(status(a.id())).isEqualTo(ReportStatus.SENT);
    try (Store store = Store.open(storeUrl)) {
      assertThat(store.outbox().history(a.id())).last().extracting(org.abuseloop.core.outbox.StatusChange::note)
          .isEqualTo("settled by the operator: delivered: both in the AbuseIPDB account");
    }
    CommandRun again = CommandRun.of("report", "settle", "--store", storeUrl, both, "--abandoned");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("is not uncertain (it is sent, its reports sent)");

    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer api = recordingApi(calls);
    try {
      Path key = Files.writeString(dir.resolve("abuseipdb-key"), "key-for-tests\n");
      String[] send = withMail("send", "--abuseipdb-url", "http://127.0.0.1:" + api.getAddress().getPort() + "/api/v2/",
          "--abuseipdb-key-file", key.toString());
      assertThat(CommandRun.of(send).exitCode()).isZero();
      assertThat(calls).as("uncertain: never called again by itself").isEmpty();

      CommandRun notDelivered = CommandRun.of("report", "settle", "--store", storeUrl, "1a2b3c4d-0000-3000-8000-00000000000c",
          "--not-delivered", "--note", "not in the account");
      assertThat(notDelivered.exitCode()).as(notDelivered.err()).isZero();
      assertThat(status(c.id())).isEqualTo(ReportStatus.SENDING);
      CommandRun sent = CommandRun.of(send);
      assertThat(sent.exitCode()).as(sent.err()).isZero();
      assertThat(calls).singleElement().satisfies(call -> assertThat(call).startsWith("/api/v2/report ")
          .contains("ip=198.51.100.7"));
      assertThat(status(c.id())).isEqualTo(ReportStatus.SENT);
    } finally {
      api.stop(0);
    }
  }

  @Test
  void aReplyAboutAnUncertainCallSettlesItForApproveAndStats() throws Exception {
    NewReport a = apiReport("203.0.113.9");
    NewReport b = apiReport("203.0.113.10");
    String call = uncertainCall("5e6f7a8b-0000-3000-8000-00000000000b", a, b);
    assertThat(CommandRun.of("report", "approve", "--store", storeUrl).out()).contains("uncertain " + a.id(),
        "uncertain " + b.id());
    JsonNode before = new ObjectMapper().readTree(CommandRun.of("report", "stats", "--store", storeUrl, "--format", "json")
        .out());
    assertThat(before.at("/providers").size()).as("nothing sent as far as the outbox knows").isZero();
    assertThat(before.at("/channels/0/uncertain").asInt()).isEqualTo(2);

    Instant acked = Instant.now();
    try (Store store = Store.open(storeUrl)) {
      assertThat(store.outbox().recordReply(new org.abuseloop.core.outbox.Reply("<ticket-1@desk.example>",
          List.of(a.id()), org.abuseloop.core.outbox.ReplyKind.ACKNOWLEDGEMENT, acked, "ticket 1"))).isTrue();
      assertThat(store.outbox().message(call).orElseThrow().status())
          .isEqualTo(org.abuseloop.core.outbox.MessageStatus.SENT);
    }

    CommandRun listed = CommandRun.of("report", "approve", "--store", storeUrl);
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.out()).doesNotContain("uncertain");
    JsonNode after = new ObjectMapper().readTree(CommandRun.of("report", "stats", "--store", storeUrl, "--format", "json")
        .out());
    assertThat(after.at("/providers/0/provider").asText()).isEqualTo("Example Cloud");
    assertThat(after.at("/providers/0/sent").asInt()).isEqualTo(2);
    assertThat(after.at("/providers/0/acknowledged").asInt()).isEqualTo(1);
    assertThat(after.at("/providers/0/answered").asInt()).as("an acknowledgement is not an answer").isZero();
    assertThat(after.at("/channels/0/channel").asText()).isEqualTo("abuseipdb-api");
    assertThat(after.at("/channels/0/sent").asInt()).isEqualTo(2);
    assertThat(after.at("/channels/0/uncertain").asInt()).isZero();
    CommandRun settle = CommandRun.of("report", "settle", "--store", storeUrl, a.id().toString(), "--delivered");
    assertThat(settle.exitCode()).isEqualTo(2);
    assertThat(settle.err()).contains("is not uncertain (it is sent");
  }

  @Test
  void theOperatorSaysAWebFormWasSubmittedOrAbandoned() throws Exception {
    NewReport a = queue("203.0.113.9", "Example Cloud");
    NewReport b = queue("203.0.113.10", "Example Cloud");
    try (Store store = Store.open(storeUrl)) {
      store.outbox().markManual(a.id(), dir.resolve("forms/a.txt").toString(), Instant.now());
      store.outbox().markManual(b.id(), dir.resolve("forms/b.txt").toString(), Instant.now());
    }
    NewReport queued = queue("198.51.100.7", "Example Cloud");

    CommandRun listed = CommandRun.of("report", "approve", "--store", storeUrl);
    assertThat(listed.out()).contains("manual    " + a.id(), "report submitted " + a.id().toString().substring(0, 8));
    CommandRun notManual = CommandRun.of("report", "submitted", "--store", storeUrl, queued.id().toString());
    assertThat(notManual.exitCode()).isEqualTo(2);
    assertThat(notManual.err()).contains("is queued, not manual");
    CommandRun unknown = CommandRun.of("report", "submitted", "--store", storeUrl, "ffffffff");
    assertThat(unknown.err()).contains("no report ffffffff");

    CommandRun submitted = CommandRun.of("report", "submitted", "--store", storeUrl, a.id().toString().substring(0, 8),
        "--note", "ticket 4711");
    assertThat(submitted.exitCode()).as(submitted.err()).isZero();
    assertThat(submitted.out()).contains(a.id() + "  203.0.113.9  sent (submitted by hand in the web form)");
    CommandRun abandoned = CommandRun.of("report", "submitted", "--store", storeUrl, b.id().toString(), "--abandoned");
    assertThat(abandoned.exitCode()).as(abandoned.err()).isZero();
    CommandRun twice = CommandRun.of("report", "submitted", "--store", storeUrl, a.id().toString());
    assertThat(twice.err()).contains("is sent, not manual");

    try (Store store = Store.open(storeUrl)) {
      assertThat(store.outbox().history(a.id())).last().extracting(org.abuseloop.core.outbox.StatusChange::note)
          .isEqualTo("submitted by hand in the web form: ticket 4711");
      assertThat(store.outbox().report(b.id()).orElseThrow().lastError()).isEqualTo("abandoned by the operator");
    }
    assertThat(status(b.id())).isEqualTo(ReportStatus.FAILED);
    JsonNode stats = new ObjectMapper().readTree(CommandRun.of("report", "stats", "--store", storeUrl, "--format", "json")
        .out());
    assertThat(stats.at("/providers/0/provider").asText()).isEqualTo("Example Cloud");
    assertThat(stats.at("/providers/0/sent").asInt()).as("a form submitted by hand counts as sent").isEqualTo(1);
    JsonNode mail = stats.at("/channels/0");
    assertThat(mail.get("manual").asInt()).isZero();
    assertThat(mail.get("sent").asInt()).isEqualTo(1);
    assertThat(mail.get("failed").asInt()).isEqualTo(1);
    assertThat(mail.get("waiting").asInt()).isEqualTo(1);
  }
}
