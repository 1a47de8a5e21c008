package org.abuseloop.report.outbox;

import java.util.List;
import java.util.Objects;

/**
 * Where one abuse desk takes reports, as the contacts resolver and the provider table say: its e-mail
 * address, its web form, its API, and the formats it takes in order of preference. Immutable and
 * thread-safe.
 *
 * @param email the desk's address, null when it takes no mail
 * @param form the web form's address, null when none
 * @param api the API's address (informational: the endpoint used comes from the configuration), null when none
 * @param formats the format ids it takes, preferred first ({@code xarf}, {@code text}, {@code web-form}, ...)
 */
public record Desk(String email, String form, String api, List<String> formats) {

  public Desk {
    formats = List.copyOf(Objects.requireNonNull(formats, "formats"));
  }

  /**
   * The desk of a single contact (an override's or RDAP's): an e-mail address, or a URL that is the form or
   * API, taking {@code format}.
   */
  public static Desk of(String contact, String format) {
    boolean url = contact.contains("://");
    return new Desk(url ? null : contact.strip(), url ? contact.strip() : null, url ? contact.strip() : null,
        List.of(format == null ? "text" : format));
  }
}
