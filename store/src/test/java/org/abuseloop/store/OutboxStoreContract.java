package org.abuseloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.abuseloop.core.outbox.MailboxCursor;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.Reply;
import org.abuseloop.core.outbox.ReplyKind;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.outbox.Settlement;
import org.abuseloop.core.outbox.StatusChange;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link OutboxStore} must do, run by one subclass per database (SQLite file,
 * throwaway PostgreSQL). Not thread-safe; one instance serves one test.
 */
abstract class OutboxStoreContract {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final String DESK = "abuse@provider.example";

  /** The URL of this test's database, empty before the first open. */
  abstract String url();

  private Store store;

  /** The outbox of this test's store, opened (and migrated) on first use, closed after the test. */
  OutboxLedger outbox() {
    if (store == null) {
      store = Store.open(url());
    }
    return store.outbox();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static NewReport report(String source, Instant first) {
    UUID id = UUID.nameUUIDFromBytes((source + first).getBytes());
    return new NewReport(id, source, "sshd-bruteforce", first, first.plusSeconds(300), "Example Cloud", DESK, "text",
        "Abuse report " + id + "\nSource: " + source + "\n");
  }

  static OutgoingMessage message(String id, List<UUID> reports) {
    return new OutgoingMessage("<abuseloop." + id + "@reporter.example>", DESK, "Abuse report [abuseloop " + id + "]",
        "body", null, reports, MessageStatus.PENDING, 0, null, null, null, null, T0);
  }

  /** Queues {@code r} and sends it at T0 in a message of its own, as a sender holding a lease does. */
  static OutgoingMessage sent(OutboxLedger outbox, NewReport r) {
    outbox.enqueue(r, ReportStatus.QUEUED, T0);
    OutgoingMessage m = message("1a2b3c4d", List.of(r.id()));
    outbox.compose(m, T0);
    assertThat(outbox.claimDue("sender", T0, 1)).hasSize(1);
    assertThat(outbox.markSent(m.messageId(), "sender", "accepted by SMTP", T0)).isTrue();
    return m;
  }

  @Test
  void queuesAReportOnceByItsId() {
    OutboxLedger outbox = outbox();
    NewReport r = report("203.0.113.9", T0);

    assertThat(outbox.enqueue(r, ReportStatus.QUEUED, T0).added()).isTrue();
    assertThat(outbox.enqueue(r, ReportStatus.QUEUED, T0.plusSeconds(5)).added()).isFalse();

    assertThat(outbox.reports()).hasSize(1);
    ReportEntry e = outbox.report(r.id()).orElseThrow();
    assertThat(e.report()).isEqualTo(r);
    assertThat(e.status()).isEqualTo(ReportStatus.QUEUED);
    assertThat(e.queuedAt()).isEqualTo(T0);
    assertThat(e.messageId()).isNull();
    assertThat(outbox.history(r.id())).extracting(StatusChange::status).containsExactly(ReportStatus.QUEUED);
  }

  @Test
  void approvesByIdPrefixOrAll() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    NewReport c = report("2001:db8::7", T0);
    for (NewReport r : List.of(a, b, c)) {
      outbox.enqueue(r, ReportStatus.QUEUED, T0);
    }

    assertThat(outbox.approve(List.of(a.id().toString().substring(0, 8)), T0)).extracting(ReportEntry::id)
        .containsExactly(a.id());
    assertThat(outbox.unbatched(ReportStatus.QUEUED)).extracting(ReportEntry::id).containsExactly(b.id(), c.id());
    assertThat(outbox.approve(List.of(), T0)).extracting(ReportEntry::id).containsExactly(b.id(), c.id());
    assertThat(outbox.unbatched(ReportStatus.APPROVED)).hasSize(3);
    assertThatThrownBy(() -> outbox.approve(List.of("abc"), T0)).hasMessageContaining("at least 8");
  }

  @Test
  void aMessageCarriesItsReportsFromPendingToSent() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    outbox.enqueue(b, ReportStatus.QUEUED, T0);
    OutgoingMessage m = message("1a2b3c4d", List.of(a.id(), b.id()));

    outbox.compose(m, T0);

    assertThat(outbox.unbatched(ReportStatus.QUEUED)).isEmpty();
    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENDING);
    OutgoingMessage kept = outbox.messages(MessageStatus.PENDING).get(0);
    assertThat(kept.reportIds()).containsExactly(a.id(), b.id());
    assertThat(kept.nextAttemptAt()).isEqualTo(T0);
    assertThat(outbox.messageByTag("1a2b3c4d")).contains(kept);
    assertThat(outbox.messagesFor(DESK, T0.minusSeconds(1))).isEqualTo(1);
    assertThat(outbox.messagesFor(DESK, T0.plusSeconds(1))).isZero();

    assertThat(outbox.claimDue("sender", T0.plusSeconds(1), 1)).hasSize(1);
    assertThat(outbox.claimDue("another", T0.plusSeconds(1), 1)).isEmpty();
    assertThat(outbox.messages(MessageStatus.SENDING)).singleElement()
        .satisfies(x -> assertThat(x.attempts()).isEqualTo(1))
        .satisfies(x -> assertThat(x.claimedAt()).isEqualTo(T0.plusSeconds(1)));

    assertThat(outbox.markSent(m.messageId(), "sender", "accepted by SMTP", T0.plusSeconds(2))).isTrue();

    assertThat(outbox.message(m.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    ReportEntry sent = outbox.report(b.id()).orElseThrow();
    assertThat(sent.status()).isEqualTo(ReportStatus.SENT);
    assertThat(sent.sentAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(sent.messageId()).isEqualTo(m.messageId());
    assertThat(outbox.history(b.id())).extracting(StatusChange::status)
        .containsExactly(ReportStatus.QUEUED, ReportStatus.SENDING, ReportStatus.SENT);
  }

  @Test
  void aReportGoesInOneMessageOnlyAndAFailedComposeLeavesNothing() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    outbox.compose(message("aaaaaaaa", List.of(a.id())), T0);

    assertThatThrownBy(() -> outbox.compose(message("bbbbbbbb", List.of(a.id())), T0))
        .hasMessageContaining("already in a message");

    assertThat(outbox.message("<abuseloop.bbbbbbbb@reporter.example>")).isEmpty();
    assertThat(outbox.report(a.id()).orElseThrow().messageId()).isEqualTo("<abuseloop.aaaaaaaa@reporter.example>");
  }

  @Test
  void retriesKeepTheErrorAndAPermanentFailureEndsThem() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    OutgoingMessage m = message("1a2b3c4d", List.of(a.id()));
    outbox.compose(m, T0);
    outbox.claimDue("sender", T0, 1);

    assertThat(outbox.markRetry(m.messageId(), "sender", "421 try later", T0.plusSeconds(60), T0)).isTrue();

    OutgoingMessage pending = outbox.message(m.messageId()).orElseThrow();
    assertThat(pending.status()).isEqualTo(MessageStatus.PENDING);
    assertThat(pending.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(pending.lastError()).isEqualTo("421 try later");
    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.FAILED);

    outbox.claimDue("sender", T0.plusSeconds(60), 1);
    assertThat(outbox.markFailed(m.messageId(), "sender", "550 no such user", T0.plusSeconds(61))).isTrue();

    OutgoingMessage failed = outbox.message(m.messageId()).orElseThrow();
    assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.nextAttemptAt()).isNull();
    assertThat(outbox.report(a.id()).orElseThrow().lastError()).isEqualTo("550 no such user");
    assertThat(outbox.messagesFor(DESK, T0.minusSeconds(1))).isZero();
  }

  @Test
  void aMessageLeftSendingIsReleasedWithTheSameId() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    OutgoingMessage m = message("1a2b3c4d", List.of(a.id()));
    outbox.compose(m, T0);
    outbox.claimDue("crashed", T0, 1);

    assertThat(outbox.release(m.messageId(), "crashed", T0.plusSeconds(600))).isTrue();

    OutgoingMessage again = outbox.message(m.messageId()).orElseThrow();
    assertThat(again.status()).isEqualTo(MessageStatus.PENDING);
    assertThat(again.nextAttemptAt()).isEqualTo(T0.plusSeconds(600));
    assertThat(again.attempts()).isEqualTo(1);
  }

  @Test
  void giveUpReportsWithoutAMessage() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);

    outbox.fail(List.of(a.id()), "contact 'not an address' is not an e-mail address", T0);

    ReportEntry e = outbox.report(a.id()).orElseThrow();
    assertThat(e.status()).isEqualTo(ReportStatus.FAILED);
    assertThat(e.lastError()).contains("not an e-mail address");
    assertThat(e.report().body()).isEqualTo(a.body());
  }

  @Test
  void repliesCountOnceAndOnlyRaiseAReport() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    sent(outbox, a);
    Instant answered = T0.plus(Duration.ofHours(5));

    assertThat(outbox.recordReply(new Reply("<ack@desk>", List.of(a.id()), ReplyKind.ACKNOWLEDGEMENT, T0.plusSeconds(9), "ticket"))).isTrue();
    assertThat(outbox.recordReply(new Reply("<ack@desk>", List.of(a.id()), ReplyKind.ACKNOWLEDGEMENT, T0.plusSeconds(9), "ticket"))).isFalse();
    assertThat(outbox.report(a.id()).orElseThrow().firstAnswerAt()).isNull();
    outbox.recordReply(new Reply("<fixed@desk>", List.of(a.id()), ReplyKind.RESOLUTION, answered, "terminated"));
    outbox.recordReply(new Reply("<late-ack@desk>", List.of(a.id()), ReplyKind.ACKNOWLEDGEMENT, answered.plusSeconds(1), "ticket"));
    outbox.recordReply(new Reply("<person@desk>", List.of(a.id()), ReplyKind.ANSWER, answered.plusSeconds(2), "thanks"));

    ReportEntry e = outbox.report(a.id()).orElseThrow();
    assertThat(e.status()).isEqualTo(ReportStatus.RESOLVED);
    assertThat(e.firstAnswerAt()).isEqualTo(answered);
    assertThat(outbox.recordReply(new Reply("<x@desk>", List.of(UUID.randomUUID()), ReplyKind.ANSWER, T0, ""))).isFalse();
  }

  @Test
  void aResolvedSourceThatAttacksAgainIsReOffendedAndFollowedUp() {
    OutboxLedger outbox = outbox();
    NewReport first = report("203.0.113.9", T0);
    sent(outbox, first);
    outbox.recordReply(new Reply("<fixed@desk>", List.of(first.id()), ReplyKind.RESOLUTION, T0.plusSeconds(3600), "done"));
    NewReport again = report("203.0.113.9", T0.plus(Duration.ofDays(2)));

    OutboxLedger.Enqueued result = outbox.enqueue(again, ReportStatus.QUEUED, T0.plus(Duration.ofDays(2)));

    assertThat(result.follows()).isEqualTo(first.id());
    assertThat(outbox.report(first.id()).orElseThrow().status()).isEqualTo(ReportStatus.RE_OFFENDED);
    assertThat(outbox.report(first.id()).orElseThrow().lastSeen()).isEqualTo(again.last());
    assertThat(outbox.report(again.id()).orElseThrow().follows()).isEqualTo(first.id());
    assertThat(outbox.enqueue(report("198.51.100.7", T0.plus(Duration.ofDays(2))), ReportStatus.QUEUED, T0).follows())
        .isNull();
  }

  @Test
  void keepsTheMailboxCursor() {
    OutboxLedger outbox = outbox();
    assertThat(outbox.cursor("abuse@reporter.example/INBOX")).isEmpty();

    outbox.saveCursor(new MailboxCursor("abuse@reporter.example/INBOX", 7, 12));
    outbox.saveCursor(new MailboxCursor("abuse@reporter.example/INBOX", 7, 15));

    assertThat(outbox.cursor("abuse@reporter.example/INBOX")).contains(new MailboxCursor("abuse@reporter.example/INBOX", 7, 15));
  }

  @Test
  void keepsChannelFormatProtocolAndTheTextForAPerson() {
    OutboxLedger outbox = outbox();
    NewReport plain = report("203.0.113.9", T0);
    NewReport r = new NewReport(plain.id(), plain.source(), plain.scenario(), plain.first(), plain.last(), "aws",
        "https://api.abuseipdb.test/api/v2/report", "abuseipdb", "{\"ip\":\"203.0.113.9\"}", "tcp", "For a person\n");
    outbox.enqueue(r, ReportStatus.QUEUED, T0);
    OutgoingMessage m = new OutgoingMessage("<abuseloop.1a2b3c4d@reporter.example>", r.contact(),
        "Abuse report [abuseloop 1a2b3c4d]", "ip=203.0.113.9", null, List.of(r.id()), MessageStatus.PENDING, 0, null,
        null, null, null, T0, OutgoingMessage.ABUSEIPDB, "abuseipdb");

    outbox.compose(m, T0);

    assertThat(outbox.report(r.id()).orElseThrow().report()).isEqualTo(r);
    assertThat(outbox.report(r.id()).orElseThrow().report().readable()).isEqualTo("For a person\n");
    OutgoingMessage kept = outbox.message(m.messageId()).orElseThrow();
    assertThat(kept.channel()).isEqualTo(OutgoingMessage.ABUSEIPDB);
    assertThat(kept.format()).isEqualTo("abuseipdb");
    assertThat(kept.isMail()).isFalse();
    assertThat(outbox.message(message("5e6f7a8b", List.of()).messageId())).isEmpty();
  }

  @Test
  void anApiCallLeftByACrashIsUncertainAndStaysClaimed() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    OutgoingMessage m = message("1a2b3c4d", List.of(a.id()));
    outbox.compose(m, T0);
    outbox.claimDue("crashed", T0, 1);

    outbox.markUncertain(m.messageId(), "crashed", "the call may have reached AbuseIPDB", T0.plusSeconds(900));
    outbox.markUncertain(m.messageId(), "crashed", "the call may have reached AbuseIPDB", T0.plusSeconds(1800));

    ReportEntry e = outbox.report(a.id()).orElseThrow();
    assertThat(e.status()).isEqualTo(ReportStatus.UNCERTAIN);
    assertThat(e.lastError()).contains("may have reached");
    assertThat(outbox.history(a.id())).extracting(StatusChange::status).containsExactly(ReportStatus.QUEUED,
        ReportStatus.SENDING, ReportStatus.UNCERTAIN);
    assertThat(outbox.message(m.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SENDING);
    assertThat(outbox.claimDue("another", T0.plusSeconds(1800), 10)).isEmpty();
  }

  @Test
  void aReportForAWebFormIsManualWithItsFile() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.APPROVED, T0);

    assertThat(outbox.markManual(a.id(), "/var/lib/abuseloop/forms/x.txt", T0.plusSeconds(60))).isTrue();
    assertThat(outbox.markManual(a.id(), "/var/lib/abuseloop/forms/y.txt", T0.plusSeconds(61)))
        .as("another sender already handed it to a person").isFalse();

    ReportEntry e = outbox.report(a.id()).orElseThrow();
    assertThat(e.status()).isEqualTo(ReportStatus.MANUAL);
    assertThat(e.formFile()).isEqualTo("/var/lib/abuseloop/forms/x.txt");
    assertThat(outbox.history(a.id())).hasSize(2);
    assertThat(e.sentAt()).isNull();
    assertThat(outbox.unbatched(ReportStatus.APPROVED)).isEmpty();
    assertThatThrownBy(() -> outbox.markManual(UUID.randomUUID(), "f", T0)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void version5KeepsWhatVersion4Held() throws Exception {
    Backend backend = Backend.of(url());
    Flyway.configure().dataSource(backend.dataSource(url())).locations("classpath:db/migration")
        .placeholders(Map.of("id_column", backend.idColumn())).target("4").load().migrate();
    try (Connection c = backend.dataSource(url()).getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO outbox_message (message_id, tag, contact, subject, body, status, attempts, created_at)"
          + " VALUES ('<abuseloop.m1@reporter.example>', 'm1', 'abuse@provider.example', 'S [abuseloop m1]', 'B',"
          + " 'sent', 1, 1000)");
      s.executeUpdate("INSERT INTO outbox_report (report_id, source, scenario, window_start, window_end, contact, format,"
          + " body, status, queued_at, updated_at, message_id, sent_at, last_seen_at) VALUES"
          + " ('00000000-0000-3000-8000-000000000001', '203.0.113.9', 'sshd-bf', 1000, 2000, 'abuse@provider.example',"
          + " 'text', 'old body', 'sent', 1000, 3000, '<abuseloop.m1@reporter.example>', 3000, 2000)");
      s.executeUpdate("INSERT INTO outbox_report_status (report_id, status, at, note) VALUES"
          + " ('00000000-0000-3000-8000-000000000001', 'queued', 1000, 'first'),"
          + " ('00000000-0000-3000-8000-000000000001', 'sent', 3000, 'second')");
      s.executeUpdate("INSERT INTO outbox_reply (message_id, report_id, kind, received_at, note) VALUES"
          + " ('<ack@desk>', '00000000-0000-3000-8000-000000000001', 'acknowledgement', 4000, 'ack')");
    }
    UUID id = UUID.fromString("00000000-0000-3000-8000-000000000001");
    OutboxLedger outbox = outbox();
    ReportEntry e = outbox.report(id).orElseThrow();
    assertThat(e.report().body()).isEqualTo("old body");
    assertThat(e.report().protocol()).isNull();
    assertThat(e.messageId()).isEqualTo("<abuseloop.m1@reporter.example>");
    assertThat(outbox.message(e.messageId()).orElseThrow().channel()).isEqualTo(OutgoingMessage.SMTP);
    assertThat(outbox.message(e.messageId()).orElseThrow().format()).isEqualTo("text");
    assertThat(outbox.history(id)).extracting(StatusChange::note).containsExactly("first", "second");
    assertThat(outbox.recordReply(new Reply("<ack@desk>", List.of(id), ReplyKind.ACKNOWLEDGEMENT, T0, "ack"))).isFalse();
    assertThat(outbox.recordReply(new Reply("<answer@desk>", List.of(id), ReplyKind.ANSWER, T0, "hi"))).isTrue();
    NewReport more = report("203.0.113.9", T0);
    assertThat(outbox.enqueue(more, ReportStatus.QUEUED, T0).added()).isTrue();
    assertThat(outbox.history(more.id())).hasSize(1);
    assertThat(outbox.history(id)).hasSize(3);
  }

  @Test
  void aLeaseClaimsOnlyDueMessagesAndOnlyItsHolderMovesThem() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    outbox.enqueue(b, ReportStatus.QUEUED, T0);
    OutgoingMessage first = message("1a2b3c4d", List.of(a.id()));
    outbox.compose(first, T0);
    outbox.compose(new OutgoingMessage("<abuseloop.later@reporter.example>", DESK, "Later [abuseloop 5e6f7a8b]", "body",
        null, List.of(b.id()), MessageStatus.PENDING, 0, T0.plusSeconds(600), null, null, null, T0), T0);

    List<OutgoingMessage> mine = outbox.claimDue("lease-a", T0.plusSeconds(1), 10);

    assertThat(mine).singleElement().satisfies(m -> {
      assertThat(m.messageId()).isEqualTo(first.messageId());
      assertThat(m.status()).isEqualTo(MessageStatus.SENDING);
      assertThat(m.attempts()).isEqualTo(1);
    });
    assertThat(outbox.claimDue("lease-b", T0.plusSeconds(1), 10)).as("taken, and the other is not due").isEmpty();
    assertThat(outbox.markSent(first.messageId(), "lease-b", "accepted", T0.plusSeconds(2))).isFalse();
    assertThat(outbox.markUncertain(first.messageId(), "lease-b", "may have reached", T0.plusSeconds(2))).isFalse();
    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENDING);
    assertThat(outbox.release(first.messageId(), "lease-b", T0.plusSeconds(2))).isFalse();
    assertThat(outbox.markFailed(first.messageId(), "lease-b", "no", T0.plusSeconds(2))).isFalse();
    assertThat(outbox.message(first.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SENDING);
    assertThat(outbox.takeOver(first.messageId(), "lease-b", T0)).as("the claim is not stale yet").isFalse();

    assertThat(outbox.markRetry(first.messageId(), "lease-a", "421 busy", T0.plusSeconds(60), T0.plusSeconds(2)))
        .isTrue();
    assertThat(outbox.claimDue("lease-b", T0.plusSeconds(59), 10)).isEmpty();
    assertThat(outbox.claimDue("lease-b", T0.plusSeconds(600), 10)).extracting(OutgoingMessage::attempts)
        .containsExactly(2, 1);
  }

  @Test
  void aStaleClaimIsTakenOverByOneSettlerAtATime() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    OutgoingMessage m = message("1a2b3c4d", List.of(a.id()));
    outbox.compose(m, T0);
    outbox.claimDue("crashed", T0, 1);
    Instant later = T0.plus(Duration.ofMinutes(11));
    Instant staleBefore = later.minus(Duration.ofMinutes(10));

    assertThat(outbox.takeOver(m.messageId(), "settler-a", staleBefore)).isTrue();
    assertThat(outbox.takeOver(m.messageId(), "settler-b", staleBefore)).isTrue();
    assertThat(outbox.release(m.messageId(), "settler-a", later)).as("settler-b holds it now").isFalse();
    assertThat(outbox.release(m.messageId(), "settler-b", later)).isTrue();
    assertThat(outbox.claimDue("sender", later, 1)).hasSize(1);
    assertThat(outbox.takeOver(m.messageId(), "settler-a", staleBefore))
        .as("claimed again just now: a late settler cannot release it under the sender").isFalse();
    assertThat(outbox.release(m.messageId(), "settler-a", later)).isFalse();
    assertThat(outbox.markSent(m.messageId(), "sender", "accepted by the desk's API", later)).isTrue();
    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
    assertThat(outbox.history(a.id())).last().extracting(StatusChange::note).isEqualTo("accepted by the desk's API");
  }

  @Test
  void anUncertainCallIsMarkedOnlyUnderTheLeaseThatTookItOverAndIsNeverClaimedAgain() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    OutgoingMessage m = new OutgoingMessage("<abuseloop.1a2b3c4d@reporter.example>", DESK,
        "Abuse report [abuseloop 1a2b3c4d]", "ip=203.0.113.9", null, List.of(a.id()), MessageStatus.PENDING, 0, null,
        null, null, null, T0, OutgoingMessage.ABUSEIPDB, "abuseipdb");
    outbox.compose(m, T0);
    assertThat(outbox.claimDue("crashed", T0, 1)).hasSize(1);
    Instant later = T0.plus(Duration.ofMinutes(11));

    assertThat(outbox.takeOver(m.messageId(), "settler", later.minus(Duration.ofMinutes(10)))).isTrue();
    assertThat(outbox.markUncertain(m.messageId(), "crashed", "may have reached", later)).isFalse();
    assertThat(outbox.markUncertain(m.messageId(), "settler", "may have reached", later)).isTrue();

    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.UNCERTAIN);
    assertThat(outbox.claimDue("settler", later, 10)).as("taken over to settle, not to send").isEmpty();
    assertThat(outbox.message(m.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SENDING);
  }

  @Test
  void aLeaseClaimsOnlyTheChannelsItHasARouteFor() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    outbox.enqueue(b, ReportStatus.QUEUED, T0);
    outbox.compose(new OutgoingMessage("<abuseloop.1a2b3c4d@reporter.example>", DESK, "A [abuseloop 1a2b3c4d]",
        "ip=203.0.113.9", null, List.of(a.id()), MessageStatus.PENDING, 0, null, null, null, null, T0,
        OutgoingMessage.ABUSEIPDB, "abuseipdb"), T0);
    OutgoingMessage mail = message("5e6f7a8b", List.of(b.id()));
    outbox.compose(mail, T0);

    assertThat(outbox.claimDue("mailer", T0, 10, List.of(OutgoingMessage.SMTP)))
        .extracting(OutgoingMessage::messageId).containsExactly(mail.messageId());
    assertThat(outbox.claimDue("nothing", T0, 10, List.of())).isEmpty();
    assertThat(outbox.claimDue("api", T0, 10, List.of(OutgoingMessage.ABUSEIPDB, OutgoingMessage.MSRC)))
        .extracting(OutgoingMessage::channel).containsExactly(OutgoingMessage.ABUSEIPDB);
  }

  // An AbuseIPDB call (subject tag `tag`) for the reports that a crash left uncertain, as Courier.settle leaves it.
  static OutgoingMessage uncertainCall(OutboxLedger outbox, String tag, NewReport... reports) {
    OutgoingMessage m = claimedCall(outbox, tag, reports);
    Instant later = T0.plus(Duration.ofMinutes(11));
    assertThat(outbox.takeOver(m.messageId(), "settler", later.minus(Duration.ofMinutes(10)))).isTrue();
    assertThat(outbox.markUncertain(m.messageId(), "settler", "may have reached", later)).isTrue();
    return m;
  }

  // A call for `answered` and `other` whose sender crashed, `answered` acknowledged by the desk an hour later
  // (which settles nothing while the call is held), then taken over by "next-run".
  static OutgoingMessage answeredCallTakenOver(OutboxLedger outbox, NewReport answered, NewReport other) {
    OutgoingMessage m = claimedCall(outbox, "1a2b3c4d", answered, other);
    Instant later = T0.plus(Duration.ofHours(1));
    outbox.recordReply(new Reply("<ack@desk>", List.of(answered.id()), ReplyKind.ACKNOWLEDGEMENT, later, "ticket 7"));
    assertThat(outbox.message(m.messageId()).orElseThrow().status()).as("held by its sender: not settled by a reply")
        .isEqualTo(MessageStatus.SENDING);
    assertThat(outbox.takeOver(m.messageId(), "next-run", later)).isTrue();
    return m;
  }

  // An AbuseIPDB call (subject tag `tag`) for `reports`, claimed at T0 + 1 s by a sender that then crashed.
  static OutgoingMessage claimedCall(OutboxLedger outbox, String tag, NewReport... reports) {
    List<UUID> ids = java.util.Arrays.stream(reports).map(NewReport::id).toList();
    for (NewReport r : reports) {
      outbox.enqueue(r, ReportStatus.QUEUED, T0);
    }
    OutgoingMessage m = new OutgoingMessage("<abuseloop." + tag + "@reporter.example>", DESK,
        "Abuse report [abuseloop " + tag + "]", "ip=203.0.113.9", null, ids, MessageStatus.PENDING, 0, null, null, null,
        null, T0, OutgoingMessage.ABUSEIPDB, "abuseipdb");
    outbox.compose(m, T0);
    assertThat(outbox.claimDue("crashed", T0.plusSeconds(1), 1)).hasSize(1);
    return m;
  }

  // The call `m` (as claimedCall made it) is sent as of its claim, and no longer claimed.
  static void assertSentAsOfTheCall(OutboxLedger outbox, OutgoingMessage m) {
    OutgoingMessage sent = outbox.message(m.messageId()).orElseThrow();
    assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
    assertThat(sent.sentAt()).as("the call's start").isEqualTo(T0.plusSeconds(1));
    assertThat(sent.claimedAt()).isNull();
  }

  @Test
  void anUncertainCallTheOperatorFoundDeliveredIsSentAsOfTheCall() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    OutgoingMessage m = uncertainCall(outbox, "1a2b3c4d", a, b);
    Instant now = T0.plus(Duration.ofHours(2));

    assertThat(outbox.settleUncertain(m.messageId(), Settlement.DELIVERED, "operator: delivered: in the account", now))
        .isTrue();
    assertThat(outbox.settleUncertain(m.messageId(), Settlement.SEND_AGAIN, "too late", now)).as("settled once").isFalse();

    assertSentAsOfTheCall(outbox, m);
    for (NewReport r : List.of(a, b)) {
      ReportEntry e = outbox.report(r.id()).orElseThrow();
      assertThat(e.status()).isEqualTo(ReportStatus.SENT);
      assertThat(e.sentAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(e.lastError()).isNull();
      assertThat(outbox.history(r.id())).last().satisfies(h -> {
        assertThat(h.status()).isEqualTo(ReportStatus.SENT);
        assertThat(h.at()).isEqualTo(now);
        assertThat(h.note()).isEqualTo("operator: delivered: in the account");
      });
    }
    assertThat(outbox.messages(MessageStatus.SENDING)).isEmpty();
  }

  @Test
  void anUncertainCallTheOperatorFoundMissingGoesAgain() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    OutgoingMessage m = uncertainCall(outbox, "1a2b3c4d", a);
    Instant now = T0.plus(Duration.ofHours(2));

    assertThat(outbox.settleUncertain(m.messageId(), Settlement.SEND_AGAIN, "operator: not in the account", now))
        .isTrue();

    OutgoingMessage pending = outbox.message(m.messageId()).orElseThrow();
    assertThat(pending.status()).isEqualTo(MessageStatus.PENDING);
    assertThat(pending.nextAttemptAt()).isEqualTo(now);
    assertThat(pending.attempts()).isEqualTo(1);
    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENDING);
    assertThat(outbox.settleUncertain(m.messageId(), Settlement.ABANDONED, "x", now)).as("pending, not uncertain")
        .isFalse();
    assertThat(outbox.claimDue("sender", now, 10)).extracting(OutgoingMessage::attempts).containsExactly(2);
    assertThat(outbox.settleUncertain(m.messageId(), Settlement.ABANDONED, "x", now))
        .as("claimed by a live sender: its reports are not uncertain").isFalse();
    assertThat(outbox.markSent(m.messageId(), "sender", "accepted", now)).isTrue();
  }

  @Test
  void anUncertainCallTheOperatorAbandonedIsFailedForGood() {
    OutboxLedger outbox = outbox();
    NewReport c = report("2001:db8::7", T0);
    OutgoingMessage m = uncertainCall(outbox, "5e6f7a8b", c);

    assertThat(outbox.settleUncertain(m.messageId(), Settlement.ABANDONED, "operator: abandoned: desk closed", T0))
        .isTrue();

    assertThat(outbox.message(m.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.FAILED);
    assertThat(outbox.message(m.messageId()).orElseThrow().nextAttemptAt()).isNull();
    ReportEntry e = outbox.report(c.id()).orElseThrow();
    assertThat(e.status()).isEqualTo(ReportStatus.FAILED);
    assertThat(e.lastError()).isEqualTo("operator: abandoned: desk closed");
    assertThat(outbox.claimDue("sender", T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    assertThat(outbox.settleUncertain("<abuseloop.unknown@reporter.example>", Settlement.DELIVERED, "x", T0)).isFalse();
  }

  @Test
  void aManualReportIsSubmittedByHandOrAbandonedOnce() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    NewReport queued = report("2001:db8::7", T0);
    for (NewReport r : List.of(a, b, queued)) {
      outbox.enqueue(r, ReportStatus.APPROVED, T0);
    }
    outbox.markManual(a.id(), "/forms/a.txt", T0);
    outbox.markManual(b.id(), "/forms/b.txt", T0);
    Instant now = T0.plus(Duration.ofHours(1));

    assertThat(outbox.settleManual(a.id(), Settlement.DELIVERED, "submitted by hand: ticket 42", now)).isTrue();
    assertThat(outbox.settleManual(a.id(), Settlement.ABANDONED, "no", now)).as("no longer manual").isFalse();
    assertThat(outbox.settleManual(b.id(), Settlement.ABANDONED, "abandoned by hand: the form is gone", now)).isTrue();
    assertThat(outbox.settleManual(queued.id(), Settlement.DELIVERED, "x", now)).as("not manual").isFalse();

    ReportEntry submitted = outbox.report(a.id()).orElseThrow();
    assertThat(submitted.status()).isEqualTo(ReportStatus.SENT);
    assertThat(submitted.sentAt()).isEqualTo(now);
    assertThat(submitted.formFile()).isEqualTo("/forms/a.txt");
    assertThat(outbox.history(a.id())).extracting(StatusChange::status, StatusChange::note).endsWith(
        org.assertj.core.groups.Tuple.tuple(ReportStatus.MANUAL, "web form only: prefilled fields in /forms/a.txt"),
        org.assertj.core.groups.Tuple.tuple(ReportStatus.SENT, "submitted by hand: ticket 42"));
    ReportEntry abandoned = outbox.report(b.id()).orElseThrow();
    assertThat(abandoned.status()).isEqualTo(ReportStatus.FAILED);
    assertThat(abandoned.sentAt()).isNull();
    assertThat(abandoned.lastError()).isEqualTo("abandoned by hand: the form is gone");
    assertThat(outbox.report(queued.id()).orElseThrow().status()).isEqualTo(ReportStatus.APPROVED);
    assertThatThrownBy(() -> outbox.settleManual(UUID.randomUUID(), Settlement.DELIVERED, "x", now))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no report");
    assertThatThrownBy(() -> outbox.settleManual(b.id(), Settlement.SEND_AGAIN, "x", now))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never sent again");
  }

  @Test
  void anAnswerThatCameForACallInSendingIsNeverMarkedUncertain() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    OutgoingMessage m = answeredCallTakenOver(outbox, a, b);
    Instant later = T0.plus(Duration.ofHours(1));

    assertThat(outbox.markUncertain(m.messageId(), "next-run", "may have reached", later.plusSeconds(1))).isTrue();

    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.ACKNOWLEDGED);
    assertThat(outbox.report(b.id()).orElseThrow().status()).isEqualTo(ReportStatus.UNCERTAIN);
    assertThat(outbox.history(b.id())).filteredOn(h -> h.status() == ReportStatus.UNCERTAIN).hasSize(1);
  }

  @Test
  void aCallLeftInSendingWhoseReportWasAnsweredIsSentAsOfTheCallWhenTakenOver() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    OutgoingMessage m = answeredCallTakenOver(outbox, a, b);
    Instant later = T0.plus(Duration.ofHours(1));

    assertThat(outbox.markAnsweredCallSent(m.messageId(), "crashed", "delivered", later)).as("not its lease").isFalse();
    assertThat(outbox.markAnsweredCallSent(m.messageId(), "next-run", "delivered: the desk answered", later)).isTrue();

    assertSentAsOfTheCall(outbox, m);
    assertThat(outbox.report(a.id()).orElseThrow().status()).as("keeps its answer").isEqualTo(ReportStatus.ACKNOWLEDGED);
    ReportEntry other = outbox.report(b.id()).orElseThrow();
    assertThat(other.status()).isEqualTo(ReportStatus.SENT);
    assertThat(other.sentAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(outbox.history(b.id())).extracting(StatusChange::status, StatusChange::note)
        .endsWith(org.assertj.core.groups.Tuple.tuple(ReportStatus.SENT, "delivered: the desk answered"));
    assertThat(outbox.markAnsweredCallSent(m.messageId(), "next-run", "again", later)).as("no longer sending").isFalse();
  }

  @Test
  void aCallWithNoAnsweredReportIsNotMarkedSentByAnAnswer() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    OutgoingMessage m = claimedCall(outbox, "1a2b3c4d", a);
    Instant later = T0.plus(Duration.ofHours(1));
    assertThat(outbox.takeOver(m.messageId(), "next-run", later)).isTrue();

    assertThat(outbox.markAnsweredCallSent(m.messageId(), "next-run", "delivered", later)).isFalse();

    assertThat(outbox.message(m.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SENDING);
    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENDING);
  }

  @Test
  void aReplyAboutAnUncertainCallSettlesItAsDeliveredWithTheReply() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    OutgoingMessage m = uncertainCall(outbox, "1a2b3c4d", a, b);
    Instant later = T0.plus(Duration.ofHours(3));

    assertThat(outbox.recordReply(new Reply("<ack@desk>", List.of(a.id()), ReplyKind.ACKNOWLEDGEMENT, later, "ticket 7")))
        .isTrue();

    assertSentAsOfTheCall(outbox, m);
    assertThat(outbox.messages(MessageStatus.SENDING)).isEmpty();
    ReportEntry acked = outbox.report(a.id()).orElseThrow();
    assertThat(acked.status()).isEqualTo(ReportStatus.ACKNOWLEDGED);
    assertThat(acked.sentAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(acked.lastError()).isNull();
    assertThat(outbox.history(a.id())).extracting(StatusChange::status).endsWith(
        ReportStatus.UNCERTAIN, ReportStatus.SENT, ReportStatus.ACKNOWLEDGED);
    ReportEntry other = outbox.report(b.id()).orElseThrow();
    assertThat(other.status()).as("the same call carried it").isEqualTo(ReportStatus.SENT);
    assertThat(other.sentAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(outbox.history(b.id())).last().satisfies(h -> {
      assertThat(h.status()).isEqualTo(ReportStatus.SENT);
      assertThat(h.at()).isEqualTo(later);
      assertThat(h.note()).contains("acknowledgement", "<ack@desk>", a.id().toString(), "arrived");
    });
    assertThat(outbox.settleUncertain(m.messageId(), Settlement.DELIVERED, "operator", later.plusSeconds(1)))
        .as("nothing left for the operator").isFalse();

    // A later reply about the other report moves it on, and settles nothing again.
    assertThat(outbox.recordReply(new Reply("<done@desk>", List.of(b.id()), ReplyKind.RESOLUTION, later.plusSeconds(60),
        "resolved"))).isTrue();
    assertThat(outbox.report(b.id()).orElseThrow().status()).isEqualTo(ReportStatus.RESOLVED);
    assertThat(outbox.history(b.id())).filteredOn(h -> h.status() == ReportStatus.SENT).hasSize(1);
    assertThat(outbox.message(m.messageId()).orElseThrow().sentAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void aCopyReadBackConfirmsAMessageInSendingWhoeverHoldsIt() {
    OutboxLedger outbox = outbox();
    NewReport a = report("203.0.113.9", T0);
    NewReport b = report("198.51.100.7", T0);
    outbox.enqueue(a, ReportStatus.QUEUED, T0);
    outbox.enqueue(b, ReportStatus.QUEUED, T0);
    OutgoingMessage held = message("1a2b3c4d", List.of(a.id()));
    OutgoingMessage waiting = message("5e6f7a8b", List.of(b.id()));
    outbox.compose(held, T0);
    assertThat(outbox.claimDue("sender", T0, 1)).hasSize(1);
    outbox.compose(waiting, T0);

    assertThat(outbox.confirmSent(held.messageId(), "copy read back", T0.plusSeconds(5))).isTrue();
    assertThat(outbox.confirmSent(held.messageId(), "copy read back", T0.plusSeconds(6))).as("once").isFalse();
    assertThat(outbox.confirmSent(waiting.messageId(), "copy read back", T0.plusSeconds(6)))
        .as("pending: never handed over, so no copy of it is ours").isFalse();

    assertThat(outbox.markSent(held.messageId(), "sender", "accepted", T0.plusSeconds(7))).isFalse();
    assertThat(outbox.message(held.messageId()).orElseThrow().sentAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(outbox.report(a.id()).orElseThrow().status()).isEqualTo(ReportStatus.SENT);
    assertThat(outbox.history(a.id())).last().extracting(StatusChange::note).isEqualTo("copy read back");
    assertThat(outbox.message(waiting.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
  }
}
