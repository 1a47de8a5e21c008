package org.abuseloop.report.outbox;

import java.util.Set;
import org.abuseloop.core.outbox.OutgoingMessage;

/**
 * Which way each report format travels: the mail formats by SMTP, {@code abuseipdb} and {@code msrc-api}
 * by their APIs, {@code web-form} to a person; and which formats put one source in each message (their
 * specification says one report per message). Stateless and thread-safe.
 */
public final class Channels {

  /** The provider name of the copies of reports queued for AbuseIPDB besides the desk: not a desk, not scored. */
  public static final String ABUSEIPDB_PROVIDER = "abuseipdb";

  /** The channel of reports left to a person (no message). */
  public static final String FORM = "form";

  /**
   * Formats whose message carries one source: an X-ARF 0.2 mail and an ARF report are each one report
   * (blocklist.de's mails, RFC 5965 section 2), and Microsoft's API takes one sourceIp per call.
   */
  static final Set<String> ONE_SOURCE_PER_MESSAGE = Set.of("xarf-mail", "arf", "msrc-api");

  /** Formats that are a whole mail as rendered. */
  static final Set<String> WHOLE_MAIL = Set.of("xarf-mail", "arf");

  private Channels() {}

  /** The channel a format travels by: smtp, abuseipdb, msrc or form. */
  public static String of(String format) {
    return switch (format) {
      case "abuseipdb" -> OutgoingMessage.ABUSEIPDB;
      case "msrc-api" -> OutgoingMessage.MSRC;
      case "web-form" -> FORM;
      default -> OutgoingMessage.SMTP;
    };
  }

  /** The kind of channel in words, for the statistics: mail, AbuseIPDB API, Microsoft API, web form. */
  public static String kind(String format) {
    return switch (of(format)) {
      case OutgoingMessage.ABUSEIPDB -> "abuseipdb-api";
      case OutgoingMessage.MSRC -> "msrc-api";
      case FORM -> "web-form";
      default -> "mail";
    };
  }
}
