package org.abuseloop.intel;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How one provider wants abuse reported: its desk's e-mail address, web form and API, the report
 * formats it accepts (the first is the one it prefers), and where that was read. Immutable and
 * thread-safe; {@link ProviderChannels} holds one per provider.
 *
 * @param provider the provider's stable id ({@code aws}, {@code hetzner}, ...)
 * @param name the provider's name for people
 * @param email the abuse desk's address, or null when it takes no mail
 * @param webForm the report form, or null
 * @param api the reporting API's endpoint or documentation, or null
 * @param formats accepted format ids in order of preference ({@code xarf}, {@code aws-csv},
 *     {@code text}, {@code arf}, {@code iodef}, {@code msrc-api}, {@code web-form}); never empty
 * @param note what a reporter should know, in words; may be null
 * @param source the page that documents the channel; null when none could be found
 * @param confirmed true when {@code source} states the e-mail address / form given here
 */
public record AbuseChannel(String provider, String name, String email, URI webForm, URI api,
                           Set<String> formats, String note, URI source, boolean confirmed) {

  public AbuseChannel {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(name, "name");
    formats = formats == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(formats));
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("channel " + provider + " names no format");
    }
    if (email == null && webForm == null && api == null) {
      throw new IllegalArgumentException("channel " + provider + " has no e-mail, web form or API");
    }
  }

  /** The shape the other branches were promised: no source, unconfirmed. */
  public AbuseChannel(String provider, String name, String email, URI webForm, URI api,
                      Set<String> formats, String note) {
    this(provider, name, email, webForm, api, formats, note, null, false);
  }

  /** The format the provider prefers: the first one listed. */
  public String preferredFormat() {
    return formats.iterator().next();
  }

  /** Where a report goes: the e-mail address when there is one, else the web form, else the API. */
  public String contact() {
    if (email != null) {
      return email;
    }
    return (webForm != null ? webForm : api).toString();
  }
}
