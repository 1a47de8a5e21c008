package org.abuseloop.intel;

/**
 * The answer to "where does a report about this source go": how it was found and where.
 * Immutable and thread-safe.
 *
 * @param channel how it was found: {@code override} (the operator's table), {@code provider} (the
 *     shipped provider table), {@code rdap} (the registry's abuse contact) or {@code none}
 * @param contact an e-mail address, or a web form / API URL; null for none and for an override
 *     that says "never report"
 * @param format the preferred format id ({@code xarf}, {@code aws-csv}, {@code text}, ...); null
 *     when there is no contact
 * @param registry the RDAP server or table that answered ({@code provider-channels.yaml},
 *     {@code overrides.yaml:12}, {@code https://rdap.db.ripe.net/}); may be null
 * @param reason why, in words, especially for {@code none}
 */
public record ContactAnswer(String channel, String contact, String format, String registry, String reason) {

  public static final String OVERRIDE = "override";
  public static final String PROVIDER = "provider";
  public static final String RDAP = "rdap";
  public static final String NONE = "none";

  /** A "nowhere to send it" answer. */
  public static ContactAnswer none(String registry, String reason) {
    return new ContactAnswer(NONE, null, null, registry, reason);
  }

  /** True when a report can be sent: there is a contact (an override saying "never report" has none). */
  public boolean sendable() {
    return contact != null;
  }
}
