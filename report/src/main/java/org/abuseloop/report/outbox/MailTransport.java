package org.abuseloop.report.outbox;

import org.abuseloop.core.outbox.OutgoingMessage;

/**
 * Hands one outgoing message to where its channel goes: a mail server, or a reporting API. Implementations
 * say whether they are thread-safe; the SMTP and API ones are.
 */
public interface MailTransport {

  /** Tries once to hand {@code message} over; never throws for a refusal or a network fault. */
  Delivery send(OutgoingMessage message);
}
