package org.abuseloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.abuseloop.core.outbox.MailboxCursor;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.Reply;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.outbox.Settlement;
import org.abuseloop.core.outbox.StatusChange;

/**
 * The outbox of one {@link Store} (schemas V4 and V5, leases V6): reports, the messages that carry them, their
 * history, replies and the IMAP cursor. Thread-safe: each call is one transaction on its own connection, and the
 * state changes that two senders could race on (claiming a message, and every later step of the sender holding
 * it) are compare-and-set updates on the sender's lease token.
 */
public final class OutboxStore implements OutboxLedger {

  /** The longest error or note kept (VARCHAR(2000) in V4). */
  static final int MAX_NOTE = 2000;

  private static final String REPORT_COLUMNS = "report_id, source, scenario, window_start, window_end, provider, "
      + "contact, format, body, status, queued_at, updated_at, message_id, sent_at, first_answer_at, last_seen_at, "
      + "follows, last_error, protocol, text_body, form_file";
  private static final String MESSAGE_COLUMNS = "message_id, contact, subject, body, message_references, status, "
      + "attempts, next_attempt_at, claimed_at, sent_at, last_error, created_at, channel, format";

  private final Store store;

  OutboxStore(Store store) {
    this.store = store;
  }

  @Override
  public Enqueued enqueue(NewReport r, ReportStatus status, Instant at) {
    return store.inTransaction("cannot queue report " + r.id(), c -> {
      if (findReport(c, r.id()).isPresent()) {
        return new Enqueued(false, null);
      }
      UUID follows = resolvedBefore(c, r);
      update(c, "UPDATE outbox_report SET last_seen_at = ? WHERE source = ? AND last_seen_at < ?",
          millis(r.last()), r.source(), millis(r.last()));
      if (follows != null) {
        setStatus(c, follows, ReportStatus.RE_OFFENDED, at, "attacked again from " + r.first() + ": report " + r.id());
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_report (" + REPORT_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, NULL, ?, ?, NULL)")) {
        insert.setString(1, r.id().toString());
        insert.setString(2, r.source());
        insert.setString(3, r.scenario());
        insert.setLong(4, millis(r.first()));
        insert.setLong(5, millis(r.last()));
        insert.setString(6, r.provider());
        insert.setString(7, r.contact());
        insert.setString(8, r.format());
        insert.setString(9, r.body());
        insert.setString(10, status.id());
        insert.setLong(11, millis(at));
        insert.setLong(12, millis(at));
        insert.setLong(13, millis(r.last()));
        insert.setString(14, follows == null ? null : follows.toString());
        insert.setString(15, r.protocol());
        insert.setString(16, r.text());
        insert.executeUpdate();
      }
      history(c, r.id(), status, at, follows == null ? "" : "follows up resolved report " + follows);
      return new Enqueued(true, follows);
    });
  }

  // The latest report of the same source that the provider said was resolved, before this window.
  private static UUID resolvedBefore(Connection c, NewReport r) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT report_id FROM outbox_report WHERE source = ? AND status = ? "
        + "AND window_end <= ? ORDER BY window_end DESC, id DESC")) {
      s.setString(1, r.source());
      s.setString(2, ReportStatus.RESOLVED.id());
      s.setLong(3, millis(r.first()));
      try (ResultSet row = s.executeQuery()) {
        return row.next() ? UUID.fromString(row.getString(1)) : null;
      }
    }
  }

  @Override
  public Optional<ReportEntry> report(UUID id) {
    return store.inTransaction("cannot read report " + id, c -> findReport(c, id));
  }

  @Override
  public List<ReportEntry> reports() {
    return store.inTransaction("cannot read the outbox", c -> selectReports(c,
        "SELECT " + REPORT_COLUMNS + " FROM outbox_report ORDER BY queued_at, id"));
  }

  @Override
  public List<ReportEntry> unbatched(ReportStatus status) {
    return store.inTransaction("cannot read the outbox", c -> selectReports(c, "SELECT " + REPORT_COLUMNS
        + " FROM outbox_report WHERE status = ? AND message_id IS NULL ORDER BY queued_at, id", status.id()));
  }

  @Override
  public List<ReportEntry> approve(Collection<String> idPrefixes, Instant at) {
    for (String prefix : idPrefixes) {
      if (prefix.length() < 8) {
        throw new IllegalArgumentException("a report id to approve needs at least 8 characters, got '" + prefix + "'");
      }
    }
    return store.inTransaction("cannot approve reports", c -> {
      List<ReportEntry> approved = new ArrayList<>();
      for (ReportEntry e : selectReports(c, "SELECT " + REPORT_COLUMNS
          + " FROM outbox_report WHERE status = ? ORDER BY queued_at, id", ReportStatus.QUEUED.id())) {
        String id = e.id().toString();
        if (idPrefixes.isEmpty() || idPrefixes.stream().anyMatch(id::startsWith)) {
          setStatus(c, e.id(), ReportStatus.APPROVED, at, "approved");
          approved.add(findReport(c, e.id()).orElseThrow());
        }
      }
      return approved;
    });
  }

  @Override
  public void fail(Collection<UUID> reportIds, String error, Instant at) {
    store.inTransaction("cannot mark reports failed", c -> {
      for (UUID id : reportIds) {
        update(c, "UPDATE outbox_report SET last_error = ? WHERE report_id = ? AND message_id IS NULL",
            clip(error), id.toString());
        setStatus(c, id, ReportStatus.FAILED, at, error);
      }
      return null;
    });
  }

  @Override
  public void compose(OutgoingMessage m, Instant at) {
    store.inTransaction("cannot keep message " + m.messageId(), c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_message (" + MESSAGE_COLUMNS
          + ", tag) VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, NULL, ?, ?, ?, ?)")) {
        insert.setString(1, m.messageId());
        insert.setString(2, m.contact());
        insert.setString(3, m.subject());
        insert.setString(4, m.body());
        insert.setString(5, m.references());
        insert.setString(6, MessageStatus.PENDING.id());
        setMillis(insert, 7, m.nextAttemptAt() == null ? at : m.nextAttemptAt());
        insert.setLong(8, millis(at));
        insert.setString(9, m.channel());
        insert.setString(10, m.format());
        insert.setString(11, tagOf(m.subject()));
        insert.executeUpdate();
      }
      for (UUID id : m.reportIds()) {
        if (update(c, "UPDATE outbox_report SET message_id = ? WHERE report_id = ? AND message_id IS NULL",
            m.messageId(), id.toString()) != 1) {
          throw new IllegalStateException("report " + id + " is unknown or already in a message");
        }
        setStatus(c, id, ReportStatus.SENDING, at, "in message " + m.messageId());
      }
      return null;
    });
  }

  @Override
  public Optional<OutgoingMessage> message(String messageId) {
    return store.inTransaction("cannot read message " + messageId, c -> first(selectMessages(c,
        "SELECT " + MESSAGE_COLUMNS + " FROM outbox_message WHERE message_id = ?", messageId)));
  }

  @Override
  public Optional<OutgoingMessage> messageByTag(String tag) {
    return store.inTransaction("cannot read message " + tag, c -> first(selectMessages(c,
        "SELECT " + MESSAGE_COLUMNS + " FROM outbox_message WHERE tag = ? ORDER BY id", tag)));
  }

  @Override
  public List<OutgoingMessage> messages(MessageStatus status) {
    return store.inTransaction("cannot read the outbox", c -> selectMessages(c,
        "SELECT " + MESSAGE_COLUMNS + " FROM outbox_message WHERE status = ? ORDER BY id", status.id()));
  }

  @Override
  public int messagesFor(String contact, Instant since) {
    return store.inTransaction("cannot count messages to " + contact, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT COUNT(*) FROM outbox_message WHERE contact = ? AND created_at >= ? AND status <> ?")) {
        s.setString(1, contact);
        s.setLong(2, millis(since));
        s.setString(3, MessageStatus.FAILED.id());
        try (ResultSet row = s.executeQuery()) {
          row.next();
          return row.getInt(1);
        }
      }
    });
  }

  // One UPDATE decides who gets a message: on PostgreSQL a second updater waits for the first's row lock
  // and then re-checks status = 'pending', on SQLite writers are serialised; the read-back then sees only
  // the rows this lease won.
  @Override
  public List<OutgoingMessage> claimDue(String lease, Instant at, int max, Collection<String> channels) {
    if (channels != null && channels.isEmpty()) {
      return List.of();
    }
    String only = channels == null ? ""
        : " AND channel IN (" + String.join(", ", Collections.nCopies(channels.size(), "?")) + ")";
    List<Object> args = new ArrayList<>(List.of(MessageStatus.SENDING.id(), millis(at), lease, MessageStatus.PENDING.id(),
        MessageStatus.PENDING.id(), millis(at)));
    if (channels != null) {
      args.addAll(channels);
    }
    args.add((long) max);
    return store.inTransaction("cannot claim messages", c -> {
      update(c, "UPDATE outbox_message SET status = ?, attempts = attempts + 1, claimed_at = ?, lease_token = ? "
          + "WHERE status = ? AND id IN (SELECT id FROM outbox_message WHERE status = ? AND "
          + "(next_attempt_at IS NULL OR next_attempt_at <= ?)" + only + " ORDER BY id LIMIT ?)", args.toArray());
      // claimed_at = at: a stale message this lease took over to settle is not claimed for sending.
      return selectMessages(c, "SELECT " + MESSAGE_COLUMNS + " FROM outbox_message WHERE lease_token = ? "
          + "AND status = ? AND claimed_at = ? ORDER BY id", lease, MessageStatus.SENDING.id(), millis(at));
    });
  }

  @Override
  public boolean takeOver(String messageId, String lease, Instant staleBefore) {
    return store.inTransaction("cannot take over message " + messageId, c -> update(c,
        "UPDATE outbox_message SET lease_token = ? WHERE message_id = ? AND status = ? "
            + "AND (claimed_at IS NULL OR claimed_at <= ?)",
        lease, messageId, MessageStatus.SENDING.id(), millis(staleBefore)) == 1);
  }

  @Override
  public boolean markSent(String messageId, String lease, String note, Instant at) {
    return store.inTransaction("cannot mark message " + messageId + " sent", c ->
        sent(c, messageId, " AND lease_token = ?", lease, note, at));
  }

  @Override
  public boolean confirmSent(String messageId, String note, Instant at) {
    return store.inTransaction("cannot mark message " + messageId + " sent", c ->
        sent(c, messageId, "", null, note, at));
  }

  // The message in sending (held by lease, when one is given) and its reports are sent.
  private static boolean sent(Connection c, String messageId, String held, String lease, String note, Instant at)
      throws SQLException {
    String sql = "UPDATE outbox_message SET status = ?, sent_at = ?, next_attempt_at = NULL, claimed_at = NULL, "
        + "lease_token = NULL WHERE message_id = ? AND status = ?" + held;
    Object[] args = lease == null
        ? new Object[] {MessageStatus.SENT.id(), millis(at), messageId, MessageStatus.SENDING.id()}
        : new Object[] {MessageStatus.SENT.id(), millis(at), messageId, MessageStatus.SENDING.id(), lease};
    if (update(c, sql, args) == 0) {
      return false;
    }
    update(c, "UPDATE outbox_report SET sent_at = ?, last_error = NULL WHERE message_id = ?", millis(at), messageId);
    for (UUID id : reportIdsOf(c, messageId)) {
      setStatus(c, id, ReportStatus.SENT, at, note);
    }
    return true;
  }

  @Override
  public boolean markRetry(String messageId, String lease, String error, Instant next, Instant at) {
    return store.inTransaction("cannot mark message " + messageId + " for a retry", c -> {
      if (updateHeld(c, lease, "UPDATE outbox_message SET status = ?, next_attempt_at = ?, claimed_at = NULL, "
          + "lease_token = NULL, last_error = ? WHERE message_id = ?", MessageStatus.PENDING.id(), millis(next),
          clip(error), messageId) == 0) {
        return false;
      }
      failReports(c, messageId, error + " (retry at " + next + ")", at);
      return true;
    });
  }

  @Override
  public boolean markFailed(String messageId, String lease, String error, Instant at) {
    return store.inTransaction("cannot mark message " + messageId + " failed", c -> {
      if (updateHeld(c, lease, "UPDATE outbox_message SET status = ?, next_attempt_at = NULL, claimed_at = NULL, "
          + "lease_token = NULL, last_error = ? WHERE message_id = ?", MessageStatus.FAILED.id(), clip(error),
          messageId) == 0) {
        return false;
      }
      failReports(c, messageId, error, at);
      return true;
    });
  }

  private void failReports(Connection c, String messageId, String error, Instant at) throws SQLException {
    update(c, "UPDATE outbox_report SET last_error = ? WHERE message_id = ?", clip(error), messageId);
    for (UUID id : reportIdsOf(c, messageId)) {
      setStatus(c, id, ReportStatus.FAILED, at, error);
    }
  }

  // The message stays in sending (never claimed again by itself) and keeps the lease that marked it.
  @Override
  public boolean markUncertain(String messageId, String lease, String note, Instant at) {
    return store.inTransaction("cannot mark message " + messageId + " uncertain", c -> {
      if (updateHeld(c, lease, "UPDATE outbox_message SET last_error = ? WHERE message_id = ?", clip(note),
          messageId) == 0) {
        return false;
      }
      update(c, "UPDATE outbox_report SET last_error = ? WHERE message_id = ?", clip(note), messageId);
      for (UUID id : reportIdsOf(c, messageId)) {
        // Only a report not yet delivered as far as we know: an answer that came meanwhile is never undone.
        if (findReport(c, id).map(e -> e.status() == ReportStatus.SENDING || e.status() == ReportStatus.FAILED)
            .orElse(false)) {
          setStatus(c, id, ReportStatus.UNCERTAIN, at, note);
        }
      }
      return true;
    });
  }

  // The answer is the proof the call arrived, as in settledByReply; the lease is the compare-and-set.
  @Override
  public boolean markAnsweredCallSent(String messageId, String lease, String note, Instant at) {
    return store.inTransaction("cannot mark message " + messageId + " sent", c -> {
      OutgoingMessage m = first(selectMessages(c, "SELECT " + MESSAGE_COLUMNS + " FROM outbox_message "
          + "WHERE message_id = ? AND status = ? AND lease_token = ?", messageId, MessageStatus.SENDING.id(), lease))
          .orElse(null);
      if (m == null || !anyAnswered(c, m.reportIds()) || settleMessage(c, m, Settlement.DELIVERED, note, at) != 1) {
        return false;
      }
      for (UUID id : m.reportIds()) {
        if (findReport(c, id).map(e -> e.status() == ReportStatus.SENDING || e.status() == ReportStatus.FAILED
            || e.status() == ReportStatus.UNCERTAIN).orElse(false)) {
          setStatus(c, id, ReportStatus.SENT, at, note);
        }
      }
      return true;
    });
  }

  private static boolean anyAnswered(Connection c, List<UUID> reportIds) throws SQLException {
    for (UUID id : reportIds) {
      if (findReport(c, id).map(e -> e.status().answerRank() > 0).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean markManual(UUID reportId, String formFile, Instant at) {
    return store.inTransaction("cannot mark report " + reportId + " manual", c -> {
      if (update(c, "UPDATE outbox_report SET form_file = ?, last_error = NULL WHERE report_id = ? "
          + "AND message_id IS NULL AND status IN (?, ?)", formFile, reportId.toString(), ReportStatus.QUEUED.id(),
          ReportStatus.APPROVED.id()) != 1) {
        if (findReport(c, reportId).map(e -> e.messageId() == null).orElse(false)) {
          return false;
        }
        throw new IllegalStateException("report " + reportId + " is unknown or already in a message");
      }
      setStatus(c, reportId, ReportStatus.MANUAL, at, "web form only: prefilled fields in " + formFile);
      return true;
    });
  }

  // The reports' rows are the compare-and-set: a second operator waits for their locks (PostgreSQL) or for the
  // write lock (SQLite) and then finds them no longer uncertain.
  @Override
  public boolean settleUncertain(String messageId, Settlement settlement, String note, Instant at) {
    return store.inTransaction("cannot settle message " + messageId, c -> {
      OutgoingMessage m = first(selectMessages(c, "SELECT " + MESSAGE_COLUMNS + " FROM outbox_message "
          + "WHERE message_id = ?", messageId)).orElse(null);
      if (m == null || m.status() != MessageStatus.SENDING) {
        return false;
      }
      List<UUID> uncertain = new ArrayList<>();
      for (UUID id : m.reportIds()) {
        if (findReport(c, id).map(e -> e.status() == ReportStatus.UNCERTAIN).orElse(false)) {
          uncertain.add(id);
        }
      }
      ReportStatus next = switch (settlement) {
        case DELIVERED -> ReportStatus.SENT;
        case SEND_AGAIN -> ReportStatus.SENDING;
        case ABANDONED -> ReportStatus.FAILED;
      };
      if (uncertain.isEmpty() || update(c, "UPDATE outbox_report SET status = ?, updated_at = ? WHERE message_id = ? "
          + "AND status = ?", next.id(), millis(at), messageId, ReportStatus.UNCERTAIN.id()) != uncertain.size()) {
        return false;
      }
      if (settleMessage(c, m, settlement, note, at) != 1) {
        throw new IllegalStateException("message " + messageId + " left sending while it was settled");
      }
      for (UUID id : uncertain) {
        history(c, id, next, at, note);
      }
      return true;
    });
  }

  // The message's side of settleUncertain, and its reports' times and errors.
  private static int settleMessage(Connection c, OutgoingMessage m, Settlement settlement, String note, Instant at)
      throws SQLException {
    String unclaimed = "next_attempt_at = NULL, claimed_at = NULL, lease_token = NULL";
    String where = " WHERE message_id = ? AND status = ?";
    String sending = MessageStatus.SENDING.id();
    return switch (settlement) {
      case DELIVERED -> {
        long sent = millis(m.claimedAt() == null ? at : m.claimedAt());
        update(c, "UPDATE outbox_report SET sent_at = ?, last_error = NULL WHERE message_id = ?", sent, m.messageId());
        yield update(c, "UPDATE outbox_message SET status = ?, sent_at = ?, last_error = NULL, " + unclaimed + where,
            MessageStatus.SENT.id(), sent, m.messageId(), sending);
      }
      case SEND_AGAIN -> {
        update(c, "UPDATE outbox_report SET last_error = NULL WHERE message_id = ?", m.messageId());
        yield update(c, "UPDATE outbox_message SET status = ?, next_attempt_at = ?, claimed_at = NULL, "
            + "lease_token = NULL, last_error = ?" + where, MessageStatus.PENDING.id(), millis(at), clip(note),
            m.messageId(), sending);
      }
      case ABANDONED -> {
        update(c, "UPDATE outbox_report SET last_error = ? WHERE message_id = ?", clip(note), m.messageId());
        yield update(c, "UPDATE outbox_message SET status = ?, last_error = ?, " + unclaimed + where,
            MessageStatus.FAILED.id(), clip(note), m.messageId(), sending);
      }
    };
  }

  @Override
  public boolean settleManual(UUID reportId, Settlement settlement, String note, Instant at) {
    if (settlement == Settlement.SEND_AGAIN) {
      throw new IllegalArgumentException("a report for a web form is submitted by a person, never sent again by "
          + "abuseloop: say it was submitted, or abandon it");
    }
    return store.inTransaction("cannot settle report " + reportId, c -> {
      String where = " WHERE report_id = ? AND status = ? AND message_id IS NULL";
      int moved = settlement == Settlement.DELIVERED
          ? update(c, "UPDATE outbox_report SET status = ?, updated_at = ?, sent_at = ?, last_error = NULL" + where,
              ReportStatus.SENT.id(), millis(at), millis(at), reportId.toString(), ReportStatus.MANUAL.id())
          : update(c, "UPDATE outbox_report SET status = ?, updated_at = ?, last_error = ?" + where,
              ReportStatus.FAILED.id(), millis(at), clip(note), reportId.toString(), ReportStatus.MANUAL.id());
      if (moved != 1) {
        if (findReport(c, reportId).isEmpty()) {
          throw new IllegalArgumentException("no report " + reportId);
        }
        return false;
      }
      history(c, reportId, settlement == Settlement.DELIVERED ? ReportStatus.SENT : ReportStatus.FAILED, at, note);
      return true;
    });
  }

  @Override
  public boolean release(String messageId, String lease, Instant at) {
    return store.inTransaction("cannot release message " + messageId, c -> update(c,
        "UPDATE outbox_message SET status = ?, next_attempt_at = ?, claimed_at = NULL, lease_token = NULL "
            + "WHERE message_id = ? AND status = ? AND lease_token = ?",
        MessageStatus.PENDING.id(), millis(at), messageId, MessageStatus.SENDING.id(), lease) == 1);
  }

  // An update of one message, on the condition that lease still holds it in sending.
  private static int updateHeld(Connection c, String lease, String sql, Object... args) throws SQLException {
    Object[] held = Arrays.copyOf(args, args.length + 2);
    held[args.length] = MessageStatus.SENDING.id();
    held[args.length + 1] = lease;
    return update(c, sql + " AND status = ? AND lease_token = ?", held);
  }

  @Override
  public boolean recordReply(Reply reply) {
    return store.inTransaction("cannot record reply " + reply.messageId(), c -> {
      boolean any = false;
      for (UUID id : reply.reportIds()) {
        Optional<ReportEntry> found = findReport(c, id);
        if (found.isEmpty() || replied(c, reply.messageId(), id)) {
          continue;
        }
        any = true;
        insertReply(c, reply, id);
        ReportEntry e = found.get();
        if (e.status() == ReportStatus.UNCERTAIN) {
          e = settledByReply(c, e, reply);
        }
        if (reply.kind().isAnswer() && e.firstAnswerAt() == null) {
          update(c, "UPDATE outbox_report SET first_answer_at = ? WHERE report_id = ?",
              millis(reply.receivedAt()), id.toString());
        }
        ReportStatus next = reply.kind().status();
        if (movesUp(e.status(), next)) {
          setStatus(c, id, next, reply.receivedAt(), reply.note());
        } else {
          history(c, id, e.status(), reply.receivedAt(), reply.kind().name().toLowerCase(Locale.ROOT) + " kept: " + reply.note());
        }
      }
      return any;
    });
  }

  // A reply about a report of an uncertain API call shows that the call arrived: the message and its uncertain
  // reports are sent as of the call's start, as the operator's --delivered would make them; then the reply moves
  // the report on from sent. Compare-and-set on the message still sending, inside the reply's transaction.
  private static ReportEntry settledByReply(Connection c, ReportEntry e, Reply reply) throws SQLException {
    OutgoingMessage m = e.messageId() == null ? null : first(selectMessages(c, "SELECT " + MESSAGE_COLUMNS
        + " FROM outbox_message WHERE message_id = ?", e.messageId())).orElse(null);
    if (m == null || m.status() != MessageStatus.SENDING) {
      return e;
    }
    String note = "delivered: the desk's " + reply.kind().name().toLowerCase(Locale.ROOT) + " " + reply.messageId()
        + " about report " + e.id() + " shows that the call of " + m.claimedAt() + " arrived";
    if (settleMessage(c, m, Settlement.DELIVERED, note, reply.receivedAt()) != 1) {
      return e;
    }
    for (UUID id : m.reportIds()) {
      if (findReport(c, id).map(r -> r.status() == ReportStatus.UNCERTAIN).orElse(false)) {
        setStatus(c, id, ReportStatus.SENT, reply.receivedAt(), note);
      }
    }
    return findReport(c, e.id()).orElseThrow();
  }

  // Answers only raise a report; a bounce counts while nobody answered; re-offended stays.
  private static boolean movesUp(ReportStatus now, ReportStatus next) {
    if (now == ReportStatus.RE_OFFENDED) {
      return false;
    }
    if (next == ReportStatus.BOUNCED) {
      return now.answerRank() == 0;
    }
    return next.answerRank() > now.answerRank();
  }

  private static boolean replied(Connection c, String messageId, UUID reportId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM outbox_reply WHERE message_id = ? AND report_id = ?")) {
      s.setString(1, messageId);
      s.setString(2, reportId.toString());
      try (ResultSet row = s.executeQuery()) {
        return row.next();
      }
    }
  }

  private static void insertReply(Connection c, Reply reply, UUID reportId) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO outbox_reply (message_id, report_id, kind, received_at, note) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, reply.messageId());
      insert.setString(2, reportId.toString());
      insert.setString(3, reply.kind().name().toLowerCase(Locale.ROOT));
      insert.setLong(4, millis(reply.receivedAt()));
      insert.setString(5, clip(reply.note()));
      insert.executeUpdate();
    }
  }

  @Override
  public List<StatusChange> history(UUID reportId) {
    return store.inTransaction("cannot read the history of " + reportId, c -> {
      List<StatusChange> changes = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT status, at, note FROM outbox_report_status WHERE report_id = ? ORDER BY id")) {
        s.setString(1, reportId.toString());
        try (ResultSet row = s.executeQuery()) {
          while (row.next()) {
            changes.add(new StatusChange(reportId, ReportStatus.of(row.getString(1)),
                Instant.ofEpochMilli(row.getLong(2)), row.getString(3)));
          }
        }
      }
      return changes;
    });
  }

  @Override
  public Optional<MailboxCursor> cursor(String mailbox) {
    return store.inTransaction("cannot read the cursor of " + mailbox, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT uid_validity, last_uid FROM mailbox_cursor WHERE mailbox = ?")) {
        s.setString(1, mailbox);
        try (ResultSet row = s.executeQuery()) {
          return row.next() ? Optional.of(new MailboxCursor(mailbox, row.getLong(1), row.getLong(2))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void saveCursor(MailboxCursor cursor) {
    store.inTransaction("cannot save the cursor of " + cursor.mailbox(), c -> {
      if (update(c, "UPDATE mailbox_cursor SET uid_validity = ?, last_uid = ? WHERE mailbox = ?",
          cursor.uidValidity(), cursor.lastUid(), cursor.mailbox()) == 0) {
        update(c, "INSERT INTO mailbox_cursor (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)",
            cursor.mailbox(), cursor.uidValidity(), cursor.lastUid());
      }
      return null;
    });
  }

  private static void setStatus(Connection c, UUID id, ReportStatus status, Instant at, String note) throws SQLException {
    update(c, "UPDATE outbox_report SET status = ?, updated_at = ? WHERE report_id = ?", status.id(), millis(at),
        id.toString());
    history(c, id, status, at, note);
  }

  private static void history(Connection c, UUID id, ReportStatus status, Instant at, String note) throws SQLException {
    update(c, "INSERT INTO outbox_report_status (report_id, status, at, note) VALUES (?, ?, ?, ?)", id.toString(),
        status.id(), millis(at), clip(note == null ? "" : note));
  }

  private static List<UUID> reportIdsOf(Connection c, String messageId) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT report_id FROM outbox_report WHERE message_id = ? ORDER BY id")) {
      s.setString(1, messageId);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          ids.add(UUID.fromString(row.getString(1)));
        }
      }
    }
    return ids;
  }

  private static Optional<ReportEntry> findReport(Connection c, UUID id) throws SQLException {
    return first(selectReports(c, "SELECT " + REPORT_COLUMNS + " FROM outbox_report WHERE report_id = ?", id.toString()));
  }

  private static List<ReportEntry> selectReports(Connection c, String sql, Object... args) throws SQLException {
    List<ReportEntry> entries = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          NewReport r = new NewReport(UUID.fromString(row.getString(1)), row.getString(2), row.getString(3),
              instant(row, 4), instant(row, 5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
              row.getString(19), row.getString(20));
          String follows = row.getString(17);
          entries.add(new ReportEntry(r, ReportStatus.of(row.getString(10)), instant(row, 11), instant(row, 12),
              row.getString(13), instant(row, 14), instant(row, 15), instant(row, 16),
              follows == null ? null : UUID.fromString(follows), row.getString(18), row.getString(21)));
        }
      }
    }
    return entries;
  }

  private static List<OutgoingMessage> selectMessages(Connection c, String sql, Object... args) throws SQLException {
    List<OutgoingMessage> messages = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          String id = row.getString(1);
          messages.add(new OutgoingMessage(id, row.getString(2), row.getString(3), row.getString(4), row.getString(5),
              List.of(), MessageStatus.of(row.getString(6)), row.getInt(7), instant(row, 8), instant(row, 9),
              instant(row, 10), row.getString(11), instant(row, 12), row.getString(13), row.getString(14)));
        }
      }
    }
    List<OutgoingMessage> withReports = new ArrayList<>(messages.size());
    for (OutgoingMessage m : messages) {
      withReports.add(m.withReportIds(reportIdsOf(c, m.messageId())));
    }
    return withReports;
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, args);
      return s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Long l) {
        s.setLong(i + 1, l);
      } else if (a == null) {
        s.setNull(i + 1, Types.VARCHAR);
      } else {
        s.setString(i + 1, a.toString());
      }
    }
  }

  private static <T> Optional<T> first(List<T> list) {
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  private static void setMillis(PreparedStatement s, int index, Instant at) throws SQLException {
    s.setLong(index, millis(at));
  }

  private static long millis(Instant at) {
    return at.toEpochMilli();
  }

  // The tag is the last bracketed word of the subject: "[abuseloop 1a2b3c4d]" gives 1a2b3c4d.
  static String tagOf(String subject) {
    int open = subject.lastIndexOf("[abuseloop ");
    int close = subject.indexOf(']', Math.max(open, 0));
    return open < 0 || close < 0 ? "" : subject.substring(open + "[abuseloop ".length(), close);
  }

  private static String clip(String s) {
    return s == null || s.length() <= MAX_NOTE ? s : s.substring(0, MAX_NOTE - 1) + "…";
  }
}
