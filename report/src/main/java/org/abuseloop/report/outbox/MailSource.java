package org.abuseloop.report.outbox;

import java.util.List;
import org.abuseloop.core.outbox.MailboxCursor;

/**
 * The reporter's mailbox as the tracker reads it: the mails after a cursor, in UID order. Implementations
 * say whether they are thread-safe.
 */
public interface MailSource {

  /** The mails read and the folder's UIDVALIDITY at the time. */
  record Fetched(long uidValidity, List<IncomingMail> mails) {
    public Fetched {
      mails = List.copyOf(mails);
    }
  }

  /** The mailbox's name, the key of its cursor (user@host/folder). */
  String name();

  /**
   * The mails after {@code cursor} (all of them when it is null or its UIDVALIDITY is not the folder's),
   * in UID order.
   *
   * @throws MailboxException when the mailbox cannot be read
   */
  Fetched fetchAfter(MailboxCursor cursor);
}
