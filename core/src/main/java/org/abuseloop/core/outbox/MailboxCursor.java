package org.abuseloop.core.outbox;

/**
 * How far the tracker has read a mailbox: the folder's IMAP UIDVALIDITY and the highest UID it
 * processed; a different UIDVALIDITY means the folder was rebuilt and is read again from the start.
 * Immutable and thread-safe.
 *
 * @param mailbox the mailbox's name (user@host/folder)
 * @param uidValidity the folder's UIDVALIDITY when last read
 * @param lastUid the highest UID processed
 */
public record MailboxCursor(String mailbox, long uidValidity, long lastUid) {}
