package org.abuseloop.report.outbox;

/**
 * What one run of {@link Courier#send()} did. Immutable and thread-safe.
 *
 * @param recovered messages a crash had left in sending that were found delivered
 * @param released messages a crash had left in sending that go out again with the same Message-ID
 * @param composed new messages composed from queued reports
 * @param badContacts reports given up because their contact is no e-mail address
 * @param sent messages SMTP or an API accepted
 * @param retrying messages refused for now, to be tried again
 * @param failed messages given up (a permanent refusal or too many attempts)
 * @param manual reports whose desk has only a web form, written for a person to submit
 * @param uncertain API calls a crash left without an answer: not repeated, the operator decides
 * @param unrouted messages waiting because their channel (an API, the forms directory) is not configured
 */
public record SendRun(int recovered, int released, int composed, int badContacts, int sent, int retrying, int failed,
    int manual, int uncertain, int unrouted) {

  public SendRun(int recovered, int released, int composed, int badContacts, int sent, int retrying, int failed) {
    this(recovered, released, composed, badContacts, sent, retrying, failed, 0, 0, 0);
  }
}
