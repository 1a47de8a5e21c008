package org.abuseloop.report.outbox;

/**
 * What one run of {@link Tracker#poll()} did. Immutable and thread-safe.
 *
 * @param read mails read from the mailbox
 * @param ownCopies copies of our own reports (Bcc), which confirm a message left in sending
 * @param matched replies matched to reports and recorded
 * @param unrelated mails about none of our reports (or already recorded), left alone
 */
public record TrackRun(int read, int ownCopies, int matched, int unrelated) {}
