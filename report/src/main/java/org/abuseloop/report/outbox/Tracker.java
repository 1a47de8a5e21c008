package org.abuseloop.report.outbox;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.abuseloop.core.outbox.MailboxCursor;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.Reply;
import org.abuseloop.core.outbox.ReplyKind;

/**
 * Follows up on sent reports: reads the reporter's mailbox from where it last stopped, confirms our own
 * Bcc copies (a message a crash left in sending did go out), matches the other mails to reports and
 * records what they say. Each reply is recorded once (by its Message-ID) and the cursor moves after each
 * mail, so a crash mid-run reads at most that mail again, harmlessly. Not thread-safe; one tracker per
 * mailbox at a time.
 */
public final class Tracker {

  private static final System.Logger LOG = System.getLogger(Tracker.class.getName());

  private final OutboxLedger ledger;
  private final MailSource mailbox;
  private final ReplyMatcher matcher;
  private final ReplyClassifier classifier = new ReplyClassifier();

  public Tracker(OutboxLedger ledger, MailSource mailbox) {
    this.ledger = ledger;
    this.mailbox = mailbox;
    this.matcher = new ReplyMatcher(ledger);
  }

  /** Reads and records what came since the last run. */
  public TrackRun poll() {
    MailboxCursor cursor = ledger.cursor(mailbox.name()).orElse(null);
    MailSource.Fetched fetched = mailbox.fetchAfter(cursor);
    int own = 0;
    int matched = 0;
    int unrelated = 0;
    for (IncomingMail mail : fetched.mails()) {
      if (isOwnCopy(mail)) {
        own++;
      } else if (record(mail)) {
        matched++;
      } else {
        unrelated++;
      }
      ledger.saveCursor(new MailboxCursor(mailbox.name(), fetched.uidValidity(), mail.uid()));
    }
    return new TrackRun(fetched.mails().size(), own, matched, unrelated);
  }

  // A Bcc copy of one of our messages: confirms it went out if a crash left it in sending.
  private boolean isOwnCopy(IncomingMail mail) {
    if (mail.messageId() == null) {
      return false;
    }
    OutgoingMessage m = ledger.message(mail.messageId()).orElse(null);
    if (m == null) {
      return false;
    }
    if (m.status() == MessageStatus.SENDING
        && ledger.confirmSent(m.messageId(), "accepted by SMTP as " + m.messageId() + " (its copy was read back)",
            mail.receivedAt())) {
      LOG.log(Level.INFO, "message {0} left in sending is confirmed by its copy in the mailbox", m.messageId());
    }
    return true;
  }

  private boolean record(IncomingMail mail) {
    List<UUID> reports = matcher.reportsOf(mail);
    ReplyKind kind = reports.isEmpty() ? null : classifier.classify(mail);
    if (kind == null) {
      LOG.log(Level.DEBUG, "mail {0} from {1} is about none of our reports", mail.messageId(), clean(mail.from()));
      return false;
    }
    ReplyClassifier.Gist gist = kind == ReplyKind.ANSWER ? classifier.gist(mail) : null;
    String note = kind.name().toLowerCase(java.util.Locale.ROOT) + (gist == null ? "" : " (" + gist.words() + ")")
        + " from " + clean(mail.from()) + ": " + clean(mail.subject());
    boolean recorded = ledger.recordReply(new Reply(replyId(mail), reports, kind, mail.receivedAt(), note));
    if (recorded) {
      LOG.log(Level.INFO, "reports {0}: {1}", reports, note);
    }
    return recorded;
  }

  // A mail without a Message-ID is known by a digest of what it says and when it came.
  private static String replyId(IncomingMail mail) {
    if (mail.messageId() != null && !mail.messageId().isBlank()) {
      return mail.messageId();
    }
    String content = mail.from() + "\n" + mail.subject() + "\n" + mail.receivedAt() + "\n" + mail.text();
    return "<no-id." + UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8)) + ">";
  }

  // Sender and subject are attacker-controlled: no control characters into the history or the log.
  private static String clean(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
    s.codePoints().limit(200).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString();
  }
}
