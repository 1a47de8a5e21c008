package org.abuseloop.core.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A report to put in the outbox: its stable id (the same source, scenario and window always give the
 * same id), what it is about, where it goes and its rendered text. Immutable and thread-safe.
 *
 * @param id the report's stable id
 * @param source the attacking address or prefix, as text
 * @param scenario the scenario that fired
 * @param first the first event of the window
 * @param last the last event of the window
 * @param provider the network the source belongs to, null when unknown
 * @param contact the abuse desk's address
 * @param format the format the body is in (text, xarf, ...)
 * @param body the report rendered in that format
 * @param protocol the transport the attack used ({@code tcp}, {@code udp}, ...), null when the logs do not say
 * @param text the report as plain text for a person when {@code body} is in a machine format, else null
 */
public record NewReport(
    UUID id, String source, String scenario, Instant first, Instant last, String provider, String contact,
    String format, String body, String protocol, String text) {

  /** A report whose transport is not known and whose body is all a person reads. */
  public NewReport(UUID id, String source, String scenario, Instant first, Instant last, String provider,
      String contact, String format, String body) {
    this(id, source, scenario, first, last, provider, contact, format, body, null, null);
  }

  /** The text a person reads: {@code text} when there is one, else the body. */
  public String readable() {
    return text != null ? text : body;
  }

  public NewReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(body, "body");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("a report's window ends before it starts: " + first + " .. " + last);
    }
  }
}
