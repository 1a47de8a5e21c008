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
 */
public record NewReport(
    UUID id, String source, String scenario, Instant first, Instant last, String provider, String contact,
    String format, String body) {

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
