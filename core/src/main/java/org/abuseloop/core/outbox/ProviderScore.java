package org.abuseloop.core.outbox;

import java.time.Duration;

/**
 * How one provider's abuse desk handled our reports: how many were sent, how many got a person's answer
 * (and the share), how many an automatic acknowledgement only, bounced or were resolved, the median time
 * to the first answer and the median time from the report until the source's attacks stopped (the last
 * event seen after it). Immutable and thread-safe.
 *
 * @param provider the provider's name ("(unknown)" when none was attributed)
 * @param sent reports sent
 * @param answered reports a person answered (resolved ones included)
 * @param acknowledged reports with only an automatic acknowledgement
 * @param bounced reports whose message bounced
 * @param resolved reports the desk said it acted on (re-offended ones included)
 * @param medianFirstAnswer the median time from sending to the first answer, null when none answered
 * @param medianUntilStopped the median time from sending until the last attack seen after it, null when
 *     none was sent
 */
public record ProviderScore(
    String provider, int sent, int answered, int acknowledged, int bounced, int resolved, Duration medianFirstAnswer,
    Duration medianUntilStopped) {

  /** The share of sent reports that a person answered, 0 when none was sent. */
  public double shareAnswered() {
    return sent == 0 ? 0 : (double) answered / sent;
  }
}
