package org.abuseloop.report.outbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.abuseloop.core.outbox.OutgoingMessage;

/**
 * Where the courier hands each channel's messages: the mail server, AbuseIPDB's API, Microsoft's API,
 * and the directory the prefilled fields of web-form reports are written to. A missing route leaves its
 * messages waiting (said in the log), never sent elsewhere. Immutable; thread-safe when its transports are.
 *
 * @param mail the SMTP transport
 * @param abuseIpdb AbuseIPDB's API, null when not configured
 * @param msrc Microsoft's Report Abuse API, null when not configured
 * @param forms the directory for web-form reports' fields, null when not configured
 */
public record Routes(MailTransport mail, MailTransport abuseIpdb, MailTransport msrc, Path forms) {

  public Routes {
    Objects.requireNonNull(mail, "mail");
  }

  /** Mail only: API messages and web forms wait. */
  public static Routes mailOnly(MailTransport mail) {
    return new Routes(mail, null, null, null);
  }

  /** The channels that have a route (web forms aside: they are never a message). */
  List<String> channels() {
    return Stream.of(OutgoingMessage.SMTP, OutgoingMessage.ABUSEIPDB, OutgoingMessage.MSRC)
        .filter(c -> of(c) != null).toList();
  }

  /** The transport of {@code channel}, null when it is not configured. */
  MailTransport of(String channel) {
    return switch (channel) {
      case OutgoingMessage.ABUSEIPDB -> abuseIpdb;
      case OutgoingMessage.MSRC -> msrc;
      case OutgoingMessage.SMTP -> mail;
      default -> null;
    };
  }
}
