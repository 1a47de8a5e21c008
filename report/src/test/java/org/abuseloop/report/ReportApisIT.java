package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.Reply;
import org.abuseloop.core.outbox.ReplyKind;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.report.outbox.AbuseIpdbApi;
import org.abuseloop.report.outbox.Courier;
import org.abuseloop.report.outbox.Desk;
import org.abuseloop.report.outbox.MailTransport;
import org.abuseloop.report.outbox.MsrcApi;
import org.abuseloop.report.outbox.OutboxPolicy;
import org.abuseloop.report.outbox.ReportQueue;
import org.abuseloop.report.outbox.Routes;
import org.abuseloop.report.outbox.SendRun;
import org.abuseloop.report.outbox.SentCheck;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's API channels against a JDK HTTP server on 127.0.0.1 playing AbuseIPDB's v2 API and
 * Microsoft's Report Abuse API, recording every request: fields and headers, retries on 503 with
 * Retry-After, a 4xx answer, a crash between the call and the store marking it, UDP refused; and a
 * web-form desk left to a person. Not thread-safe; one instance per test.
 */
class ReportApisIT {

  static final String KEY = "test-key-0123";

  /** One request the server saw. */
  record Seen(String method, String path, Map<String, String> headers, String body) {}

  @TempDir
  Path dir;

  SettableClock clock;
  Store store;
  HttpServer server;
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final Deque<int[]> answers = new ArrayDeque<>();
  String errorBody = "{\"errors\":[{\"detail\":\"The ip field must be a valid IP address.\",\"status\":422}]}";

  @BeforeEach
  void setUp() throws IOException {
    clock = new SettableClock(Instant.parse("2026-03-15T08:00:00Z"));
    store = Store.open("jdbc:sqlite:" + dir.resolve("outbox.db"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
    store.close();
  }

  // Answers with the next queued {status, retry-after seconds (-1: none)}, else 200.
  private void answer(HttpExchange x) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().getPath(), headers,
        new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    int[] a = answers.isEmpty() ? new int[] {200, -1} : answers.poll();
    if (a[1] >= 0) {
      x.getResponseHeaders().add("Retry-After", String.valueOf(a[1]));
    }
    byte[] body = (a[0] == 200 ? "{\"data\":{\"ipAddress\":\"203.0.113.9\",\"abuseConfidenceScore\":52}}"
        : a[0] == 422 ? errorBody : "<html>Service Unavailable</html>").getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(a[0], body.length);
    x.getResponseBody().write(body);
    x.close();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/");
  }

  OutboxPolicy policy() {
    return new OutboxPolicy(OutboxPolicy.Mode.AUTOMATIC, Duration.ZERO, 4, Duration.ofMinutes(1), Duration.ofHours(1), 5,
        Duration.ofMinutes(10));
  }

  Routes routes() {
    MailTransport noMail = m -> {
      throw new AssertionError("no mail expected, got " + m.messageId());
    };
    return new Routes(noMail, new AbuseIpdbApi(base(), KEY, Duration.ofSeconds(5), clock),
        new MsrcApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/report/v2.0/abuse"), KEY,
            Duration.ofSeconds(5), clock), dir.resolve("forms"));
  }

  Courier courier(OutboxLedger ledger) {
    return new Courier(ledger, routes(), SentCheck.none(), policy(), "reporter.example", "Reporter Org", clock);
  }

  ReportQueue.Queued queue(AbuseReport r, String format) {
    return new ReportQueue(store.outbox(), clock).queue(r, "example-cloud", new Desk(null,
        "https://forms.provider.example/abuse", base().toString(), List.of(format)));
  }

  static AbuseReport sshd() {
    return OutboxFormatsIT.report("sshd-bf");
  }

  static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }

  ReportEntry entry(AbuseReport r) {
    return store.outbox().report(r.id()).orElseThrow();
  }

  @Test
  void oneReportIsOneReportCallWithItsFormFieldsAndKey() {
    AbuseReport r = sshd();
    assertThat(queue(r, "abuseipdb").added()).isTrue();

    SendRun run = courier(store.outbox()).send();

    assertThat(run.sent()).isEqualTo(1);
    assertThat(seen).hasSize(1);
    Seen s = seen.get(0);
    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.path()).isEqualTo("/api/v2/report");
    assertThat(s.headers()).containsEntry("key", KEY).containsEntry("accept", "application/json")
        .containsEntry("content-type", "application/x-www-form-urlencoded");
    Map<String, String> f = form(s.body());
    assertThat(f).containsOnlyKeys("ip", "categories", "comment", "timestamp");
    assertThat(f).containsEntry("ip", "203.0.113.9").containsEntry("categories", "18,22")
        .containsEntry("timestamp", "2026-03-14T10:26:53+01:00");
    assertThat(f.get("comment")).contains(r.id().toString()).doesNotContain("alice");
    assertThat(entry(r).status()).isEqualTo(ReportStatus.SENT);
    assertThat(store.outbox().history(r.id()).get(store.outbox().history(r.id()).size() - 1).note())
        .contains("AbuseIPDB answered 200");
  }

  @Test
  void severalReportsGoAsOneBulkCsv() {
    AbuseReport a = sshd();
    AbuseReport b = OutboxFormatsIT.from(a, "203.0.113.10");
    queue(a, "abuseipdb");
    queue(b, "abuseipdb");

    courier(store.outbox()).send();

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).path()).isEqualTo("/api/v2/bulk-report");
    assertThat(seen.get(0).headers().get("content-type")).startsWith("multipart/form-data; boundary=");
    assertThat(seen.get(0).body()).contains("name=\"csv\"", "IP,Categories,ReportDate,Comment", "203.0.113.9,\"18,22\"",
        "203.0.113.10,\"18,22\"");
    assertThat(entry(a).status()).isEqualTo(ReportStatus.SENT);
    assertThat(entry(b).status()).isEqualTo(ReportStatus.SENT);
  }

  @Test
  void a503IsRetriedNoSoonerThanRetryAfter() {
    AbuseReport r = sshd();
    queue(r, "abuseipdb");
    answers.add(new int[] {503, 600});
    Courier courier = courier(store.outbox());

    SendRun first = courier.send();

    assertThat(first.retrying()).isEqualTo(1);
    String messageId = entry(r).messageId();
    assertThat(store.outbox().message(messageId).orElseThrow().nextAttemptAt())
        .as("Retry-After 600 s beats the 1 min backoff").isEqualTo(clock.instant().plusSeconds(600));
    assertThat(entry(r).lastError()).contains("503");
    clock.advance(Duration.ofMinutes(5));
    courier.send();
    assertThat(seen).as("not before Retry-After").hasSize(1);
    clock.advance(Duration.ofMinutes(6));
    SendRun second = courier.send();

    assertThat(second.sent()).isEqualTo(1);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).body()).isEqualTo(seen.get(0).body());
    assertThat(entry(r).status()).isEqualTo(ReportStatus.SENT);
  }

  @Test
  void a429WithoutRetryAfterBacksOffAndA4xxFailsWithTheAnswer() {
    AbuseReport r = sshd();
    queue(r, "abuseipdb");
    answers.add(new int[] {429, -1});
    answers.add(new int[] {422, -1});
    Courier courier = courier(store.outbox());

    assertThat(courier.send().retrying()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    SendRun run = courier.send();

    assertThat(run.failed()).isEqualTo(1);
    assertThat(entry(r).status()).isEqualTo(ReportStatus.FAILED);
    assertThat(entry(r).lastError()).contains("422", "The ip field must be a valid IP address.");
    assertThat(store.outbox().message(entry(r).messageId()).orElseThrow().status()).isEqualTo(MessageStatus.FAILED);
    clock.advance(Duration.ofDays(1));
    courier.send();
    assertThat(seen).as("a 4xx is not retried").hasSize(2);
  }

  /** The store as a crash sees it: everything works until the courier records the API's answer. */
  static OutboxLedger killedBeforeMarkingSent(OutboxLedger real) {
    return (OutboxLedger) Proxy.newProxyInstance(OutboxLedger.class.getClassLoader(), new Class<?>[] {OutboxLedger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("markSent")) {
            throw new IllegalStateException("killed between the API answering and the store marking sent");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aCrashBetweenTheCallAndTheMarkIsUncertainAndNeverCalledAgain() {
    AbuseReport r = sshd();
    queue(r, "abuseipdb");

    assertThatThrownBy(() -> courier(killedBeforeMarkingSent(store.outbox())).send()).hasMessageContaining("killed");
    assertThat(seen).hasSize(1);
    assertThat(entry(r).status()).as("recorded as attempted before the call").isEqualTo(ReportStatus.SENDING);

    Courier restarted = courier(store.outbox());
    restarted.send();
    assertThat(seen).as("within the lease: left alone").hasSize(1);
    clock.advance(Duration.ofMinutes(11));
    SendRun run = restarted.send();
    clock.advance(Duration.ofDays(2));
    restarted.send();

    assertThat(run.uncertain()).isEqualTo(1);
    assertThat(seen).as("no second call").hasSize(1);
    assertThat(entry(r).status()).isEqualTo(ReportStatus.UNCERTAIN);
    assertThat(entry(r).lastError()).contains("uncertain", "may have reached");
  }

  @Test
  void aCrashedCallWhoseReportTheDeskAnsweredIsSentWhenTakenOverNotUncertain() {
    AbuseReport r = sshd();
    queue(r, "abuseipdb");
    assertThatThrownBy(() -> courier(killedBeforeMarkingSent(store.outbox())).send()).hasMessageContaining("killed");
    String messageId = entry(r).messageId();
    store.outbox().recordReply(new Reply("<ack@desk.example>", List.of(r.id()), ReplyKind.ACKNOWLEDGEMENT,
        clock.instant(), "ticket 7"));

    clock.advance(Duration.ofMinutes(11));
    SendRun run = courier(store.outbox()).send();

    assertThat(run.recovered()).isEqualTo(1);
    assertThat(run.uncertain()).isZero();
    assertThat(seen).as("no second call").hasSize(1);
    assertThat(store.outbox().message(messageId).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    assertThat(entry(r).status()).as("keeps its answer").isEqualTo(ReportStatus.ACKNOWLEDGED);
    assertThat(entry(r).sentAt()).isNotNull();
  }

  @Test
  void udpOnlyNeverGoesToAbuseIpdb() {
    AbuseReport sip = OutboxFormatsIT.report("asterisk-bf");
    ReportQueue.Queued q = queue(sip, "abuseipdb");
    assertThat(q.added()).isFalse();
    assertThat(q.note()).contains("UDP");

    // A UDP report that reached the outbox anyway (an older version, a hand edit): the delivery refuses too.
    NewReport udp = new NewReport(sip.id(), sip.source(), sip.scenario(), sip.first(), sip.last(), "example-cloud",
        base().toString(), "abuseipdb", "{\"ip\":\"203.0.113.9\",\"categories\":\"18\"}", "udp", null);
    store.outbox().enqueue(udp, ReportStatus.QUEUED, clock.instant());
    SendRun run = courier(store.outbox()).send();

    assertThat(run.failed()).isEqualTo(1);
    assertThat(seen).isEmpty();
    assertThat(entry(sip).status()).isEqualTo(ReportStatus.FAILED);
    assertThat(entry(sip).lastError()).contains("UDP", "nothing sent");
  }

  @Test
  void microsoftGetsItsJsonWithTheKeyHeader() throws Exception {
    AbuseReport r = sshd();
    assertThat(queue(r, "msrc-api").channel()).isEqualTo("msrc");

    courier(store.outbox()).send();

    assertThat(seen).hasSize(1);
    Seen s = seen.get(0);
    assertThat(s.path()).isEqualTo("/report/v2.0/abuse");
    assertThat(s.headers()).containsEntry("content-type", "application/json").containsEntry("api-key", KEY);
    JsonNode json = new ObjectMapper().readTree(s.body());
    assertThat(json.get("threatType").asText()).isEqualTo("IP Address");
    assertThat(json.get("incidentType").asText()).isEqualTo("Brute Force");
    assertThat(json.get("sourceIp").asText()).isEqualTo("203.0.113.9");
    assertThat(json.get("destinationIp").asText()).isEqualTo("198.51.100.20");
    assertThat(json.get("destinationPort").asText()).isEqualTo("22");
    assertThat(json.get("date").asText()).isEqualTo("2026-03-14");
    assertThat(json.get("time").asText()).isEqualTo("10:26:53");
    assertThat(json.get("timeZone").asText()).isEqualTo("+0100");
    assertThat(json.get("reporterEmail").asText()).isEqualTo("abuse@example.net");
    assertThat(json.get("testSubmission").asBoolean()).isFalse();
    assertThat(entry(r).status()).isEqualTo(ReportStatus.SENT);
  }

  @Test
  void aScanMicrosoftsApiCannotTypeFallsToItsWebFormAndIsLeftToAPerson() throws Exception {
    AbuseReport scan = OutboxFormatsIT.report("port-sweep");
    ReportQueue.Queued q = new ReportQueue(store.outbox(), clock).queue(scan, "azure",
        new Desk(null, "https://forms.provider.example/abuse", base().toString(), List.of("msrc-api", "web-form")));
    assertThat(q.format()).isEqualTo("web-form");
    assertThat(q.note()).contains("msrc-api", "no incident type");

    SendRun run = courier(store.outbox()).send();

    assertThat(run.manual()).isEqualTo(1);
    assertThat(run.sent()).isZero();
    assertThat(seen).as("a form is never submitted").isEmpty();
    ReportEntry e = entry(scan);
    assertThat(e.status()).isEqualTo(ReportStatus.MANUAL);
    assertThat(e.sentAt()).isNull();
    String fields = Files.readString(Path.of(e.formFile()));
    assertThat(fields).startsWith("Form: https://forms.provider.example/abuse\n")
        .contains("Source IP: 203.0.113.9", "Destination ports: 1080", "Protocol: udp", "Start: 2026-03-14T09:26:53Z");
    assertThat(courier(store.outbox()).send().manual()).as("written once").isZero();
  }

  @Test
  void aCopyForAbuseIpdbGoesBesideTheDesksReportAndIsNotScoredAsADesk() {
    AbuseReport r = sshd();
    queue(r, "web-form");
    ReportQueue q = new ReportQueue(store.outbox(), clock);

    ReportQueue.Queued copy = q.queueForAbuseIpdb(r, base().toString());

    assertThat(copy.added()).isTrue();
    assertThat(q.queueForAbuseIpdb(r, base().toString()).added()).as("once").isFalse();
    assertThat(q.queueForAbuseIpdb(OutboxFormatsIT.report("asterisk-bf"), base().toString()).note()).contains("UDP");
    courier(store.outbox()).send();
    assertThat(seen).hasSize(1);
    assertThat(form(seen.get(0).body())).containsEntry("ip", "203.0.113.9");
    assertThat(entry(r).status()).isEqualTo(ReportStatus.MANUAL);
    List<ReportEntry> all = store.outbox().reports();
    assertThat(all).hasSize(2);
    assertThat(new org.abuseloop.report.outbox.Scoreboard().scores(all)).isEmpty();
    assertThat(new org.abuseloop.report.outbox.Scoreboard().channels(all))
        .extracting(c -> c.kind() + " " + c.sent() + " " + c.manual())
        .containsExactly("abuseipdb-api 1 0", "web-form 0 1");
  }
}
