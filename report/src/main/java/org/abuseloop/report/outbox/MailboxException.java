package org.abuseloop.report.outbox;

/** A mailbox that cannot be reached or read; the message names it. Immutable once thrown. */
public final class MailboxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MailboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
