package org.abuseloop.core.outbox;

/**
 * How many reports of the outbox went, or wait to go, by one kind of channel (mail, an API, a web form),
 * by where they stand. Immutable and thread-safe.
 *
 * @param kind the kind of channel: {@code mail}, {@code abuseipdb-api}, {@code msrc-api} or {@code web-form}
 * @param total every report of this kind
 * @param waiting queued, approved or being sent
 * @param sent accepted by the mail server or API (answered, resolved and re-offended ones included)
 * @param failed given up or waiting for a retry
 * @param bounced mails that came back undelivered
 * @param manual left to a person to submit in a web form
 * @param uncertain API calls a crash left without an answer
 */
public record ChannelCount(String kind, int total, int waiting, int sent, int failed, int bounced, int manual,
    int uncertain) {}
