package org.abuseloop.report.outbox;

import org.abuseloop.core.outbox.OutgoingMessage;

/**
 * Hands one outgoing message to a mail server. Implementations say whether they are thread-safe; the
 * SMTP one is.
 */
public interface MailTransport {

  /** Tries once to hand {@code message} over; never throws for a refusal or a network fault. */
  Delivery send(OutgoingMessage message);
}
