package org.abuseloop.report.outbox;

/**
 * What one run of {@link Courier#send()} did. Immutable and thread-safe.
 *
 * @param recovered messages a crash had left in sending that were found delivered
 * @param released messages a crash had left in sending that go out again with the same Message-ID
 * @param composed new messages composed from queued reports
 * @param badContacts reports given up because their contact is no e-mail address
 * @param sent messages SMTP accepted
 * @param retrying messages refused for now, to be tried again
 * @param failed messages given up (a permanent refusal or too many attempts)
 */
public record SendRun(int recovered, int released, int composed, int badContacts, int sent, int retrying, int failed) {}
