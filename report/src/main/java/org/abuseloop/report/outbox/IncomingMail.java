package org.abuseloop.report.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A mail read from the reporter's mailbox, reduced to what matching and classifying need. Immutable and
 * thread-safe; every text in it is as the sender wrote it (untrusted).
 *
 * @param uid the mail's IMAP UID in its folder
 * @param messageId its Message-ID, null when it has none
 * @param references the Message-IDs it names: In-Reply-To, References, and for a delivery status
 *     notification those of the returned message
 * @param subject its subject, empty when none
 * @param from its sender as text, empty when none
 * @param automatic true when its headers say a machine wrote it (Auto-Submitted other than "no",
 *     X-Autoreply, X-Autorespond, Precedence auto_reply)
 * @param deliveryReport true for a multipart/report with report-type delivery-status (a DSN)
 * @param deliveryFailed true when that DSN says {@code Action: failed} for a recipient
 * @param text its plain text (text/plain parts, and text/html parts without tags)
 * @param receivedAt when the mailbox got it
 */
public record IncomingMail(
    long uid, String messageId, List<String> references, String subject, String from, boolean automatic,
    boolean deliveryReport, boolean deliveryFailed, String text, Instant receivedAt) {

  public IncomingMail {
    references = List.copyOf(references);
    subject = Objects.requireNonNullElse(subject, "");
    from = Objects.requireNonNullElse(from, "");
    text = Objects.requireNonNullElse(text, "");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
