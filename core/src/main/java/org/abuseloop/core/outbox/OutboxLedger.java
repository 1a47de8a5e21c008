package org.abuseloop.core.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable outbox: reports queued for abuse desks, the messages that carry them, their status
 * history and the replies that came back. Each method is one transaction, so nothing is half-written;
 * implementations are thread-safe (the store's is shared by processes too).
 *
 * <p>It lives in core because the store implements it and the report module drives it, and neither may
 * use the other.
 */
public interface OutboxLedger {

  /** What {@link #enqueue} did: whether the report was new, and the resolved report it follows up. */
  record Enqueued(boolean added, UUID follows) {}

  /**
   * Queues {@code report} with {@code status} unless a report with its id is already kept (the same
   * source, scenario and window: nothing is reported twice). Earlier reports of the same source learn
   * that it was still attacking until the new window's end; the latest of them that was resolved becomes
   * re-offended, and the new report follows it up.
   */
  Enqueued enqueue(NewReport report, ReportStatus status, Instant at);

  /** The report with this id, if kept. */
  Optional<ReportEntry> report(UUID id);

  /** Every report, oldest queued first. */
  List<ReportEntry> reports();

  /** The reports in {@code status} that no message carries yet, oldest queued first. */
  List<ReportEntry> unbatched(ReportStatus status);

  /**
   * Approves the queued reports whose ids start with one of {@code idPrefixes} (at least 8 characters),
   * or every queued report when {@code idPrefixes} is empty.
   *
   * @return the reports approved
   */
  List<ReportEntry> approve(Collection<String> idPrefixes, Instant at);

  /** Gives up reports that no message carries (a contact that is no address): failed, with the reason. */
  void fail(Collection<UUID> reportIds, String error, Instant at);

  /** Keeps a new message (pending, first attempt at its next-attempt time) and moves its reports to sending. */
  void compose(OutgoingMessage message, Instant at);

  /** The message with this Message-ID, if kept. */
  Optional<OutgoingMessage> message(String messageId);

  /** The message whose subject tag is {@code tag}, if kept. */
  Optional<OutgoingMessage> messageByTag(String tag);

  /** The messages in {@code status}, oldest first. */
  List<OutgoingMessage> messages(MessageStatus status);

  /** Messages composed for {@code contact} since {@code since} and not given up: what a rate limit counts. */
  int messagesFor(String contact, Instant since);

  /**
   * Claims at most {@code max} pending messages due at {@code at} for the sender holding {@code lease} (a
   * token only it knows) in one atomic update, then reads back the messages that {@code lease} now holds:
   * sending, one more attempt, claimed at {@code at}. Two senders racing for a message never both get it.
   */
  default List<OutgoingMessage> claimDue(String lease, Instant at, int max) {
    return claimDue(lease, at, max, null);
  }

  /**
   * {@link #claimDue(String, Instant, int)} for the messages of {@code channels} only (null: every channel), so
   * that a sender never claims what it has no route for.
   */
  List<OutgoingMessage> claimDue(String lease, Instant at, int max, Collection<String> channels);

  /**
   * Takes over a message left in sending since before {@code staleBefore} (a crashed sender's) so that
   * {@code lease} may settle it; its claim time stays, so a message that cannot be settled now stays stale.
   *
   * @return whether {@code lease} now holds the message
   */
  boolean takeOver(String messageId, String lease, Instant staleBefore);

  /**
   * The mail server or API accepted the message that {@code lease} holds: it and its reports are sent, {@code note}
   * in their history.
   *
   * @return false (nothing done) when {@code lease} no longer holds the message
   */
  boolean markSent(String messageId, String lease, String note, Instant at);

  /**
   * The message's copy was seen in the reporter's mailbox: while it is sending, whoever holds it, it and its
   * reports are sent, {@code note} in their history.
   *
   * @return false (nothing done) when the message is not sending
   */
  boolean confirmSent(String messageId, String note, Instant at);

  /**
   * A message left in sending by a crash whose delivery cannot be checked (an API call), taken over by {@code lease}:
   * it stays in sending, never tried again by itself, and its reports that are still sending (or failed, retrying)
   * become uncertain with {@code note}; a report a reply moved up meanwhile keeps its answer.
   *
   * @return false (nothing done) when {@code lease} no longer holds the message
   */
  boolean markUncertain(String messageId, String lease, String note, Instant at);

  /**
   * A message left in sending by a crash whose delivery cannot be checked (an API call), taken over by {@code lease},
   * of which a report has an answer already (acknowledged, answered, resolved): the answer shows the call arrived,
   * so the message is sent as of the call and its reports still sending, failed or uncertain are sent with
   * {@code note}; an answered report keeps its answer.
   *
   * @return false (nothing done) when {@code lease} no longer holds the message or none of its reports has an answer
   */
  boolean markAnsweredCallSent(String messageId, String lease, String note, Instant at);

  /**
   * A temporary failure of the message {@code lease} holds: it waits until {@code next}; its reports are failed
   * (retrying).
   *
   * @return false (nothing done) when {@code lease} no longer holds the message
   */
  boolean markRetry(String messageId, String lease, String error, Instant next, Instant at);

  /**
   * A permanent failure of the message {@code lease} holds: it and its reports are failed, with the server's answer.
   *
   * @return false (nothing done) when {@code lease} no longer holds the message
   */
  boolean markFailed(String messageId, String lease, String error, Instant at);

  /**
   * The message {@code lease} holds did not reach the desk (its copy is not in the mailbox, or it was claimed and
   * not tried): pending again, due at {@code at}.
   *
   * @return false (nothing done) when {@code lease} no longer holds the message
   */
  boolean release(String messageId, String lease, Instant at);

  /**
   * A report whose desk has only a web form: no message carries it; it becomes manual, with the file holding
   * the form's prefilled fields. Compare-and-set: only a report still queued or approved and in no message
   * moves, so two senders never both hand it to a person.
   *
   * @return false when another sender already moved it
   * @throws RuntimeException when the report is unknown or already in a message
   */
  boolean markManual(UUID reportId, String formFile, Instant at);

  /**
   * The operator's word on a message whose API call a crash left uncertain (in sending, its reports uncertain):
   * {@link Settlement#DELIVERED} makes the message and its reports sent as of the call's start, {@link
   * Settlement#SEND_AGAIN} makes the message pending, due at {@code at}, and its reports sending again, {@link
   * Settlement#ABANDONED} makes both failed with {@code note} as the reason; {@code note} goes in the reports'
   * history. Compare-and-set on the uncertain reports, so of two operators only one settles it.
   *
   * @return false when the message is unknown or not (or no longer) uncertain; nothing changed then
   */
  boolean settleUncertain(String messageId, Settlement settlement, String note, Instant at);

  /**
   * The operator's word on a report left to a person ({@link ReportStatus#MANUAL}): {@link Settlement#DELIVERED} (the
   * form was submitted by hand) makes it sent at {@code at}, {@link Settlement#ABANDONED} failed with {@code note} as
   * the reason; {@code note} goes in its history. Compare-and-set, as {@link #markManual} is: only a report still
   * manual moves.
   *
   * @return false when the report is not (or no longer) manual; nothing changed then
   * @throws IllegalArgumentException for an unknown report, or for {@link Settlement#SEND_AGAIN} (abuseloop never
   *     submits a form)
   */
  boolean settleManual(UUID reportId, Settlement settlement, String note, Instant at);

  /**
   * Records a reply once (by its Message-ID and report): moves each report it is about up to the reply's
   * status (answers never move a report down; a bounce marks it bounced) and notes the first answer. A reply
   * about an {@link ReportStatus#UNCERTAIN} report shows that its API call arrived: first, in the same
   * transaction, its message and the message's uncertain reports become sent as of the call's start, as
   * {@link #settleUncertain} with {@link Settlement#DELIVERED} would make them, the history saying why.
   *
   * @return false when this reply was already recorded
   */
  boolean recordReply(Reply reply);

  /** The history of one report, oldest first. */
  List<StatusChange> history(UUID reportId);

  /** How far the tracker read {@code mailbox}, if it ever did. */
  Optional<MailboxCursor> cursor(String mailbox);

  /** Saves how far the tracker read a mailbox. */
  void saveCursor(MailboxCursor cursor);
}
