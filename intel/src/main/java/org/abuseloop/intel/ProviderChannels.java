package org.abuseloop.intel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table of how each large provider wants abuse reported, keyed by provider id and by the AS
 * numbers the provider announces: shipped as the resource {@code provider-channels.yaml}, read and
 * validated once. Immutable and thread-safe.
 *
 * <p>A bad entry fails the whole load with {@code origin:line: field: problem}; a table that is
 * half loaded would send reports about some providers to RDAP's generic contacts instead.
 */
public final class ProviderChannels {

  /** The shipped table's resource name, beside this class. */
  public static final String RESOURCE = "provider-channels.yaml";

  private static final Set<String> FIELDS =
      Set.of("provider", "name", "email", "web_form", "api", "formats", "note", "source", "confirmed", "asns");

  private static volatile ProviderChannels standard;

  private final Map<String, AbuseChannel> byProvider;
  private final Map<Long, AbuseChannel> byAsn;

  private ProviderChannels(Map<String, AbuseChannel> byProvider, Map<Long, AbuseChannel> byAsn) {
    this.byProvider = Collections.unmodifiableMap(byProvider);
    this.byAsn = Collections.unmodifiableMap(byAsn);
  }

  /** The shipped table, read on first use. */
  public static ProviderChannels standard() {
    ProviderChannels s = standard;
    if (s == null) {
      try (InputStream in = ProviderChannels.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " missing from the intel jar");
        }
        s = read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      standard = s;
    }
    return s;
  }

  /** A table read from YAML text ({@code channels: [...]}); {@code origin} names it in errors. */
  public static ProviderChannels read(Reader yaml, String origin) {
    Map<String, AbuseChannel> channels = new LinkedHashMap<>();
    Map<Long, AbuseChannel> asns = new HashMap<>();
    for (YamlEntries.Entry e : YamlEntries.read(yaml, origin, "channels")) {
      AbuseChannel c = channel(e);
      if (channels.putIfAbsent(c.provider(), c) != null) {
        throw e.error("provider", "a second entry for '" + c.provider() + "'");
      }
      for (long asn : asns(e)) {
        AbuseChannel other = asns.putIfAbsent(asn, c);
        if (other != null) {
          throw e.error("asns", "AS" + asn + " is already " + other.provider() + "'s");
        }
      }
    }
    return new ProviderChannels(channels, asns);
  }

  /** The channel of the provider that announces addresses from this AS number, or empty. */
  public Optional<AbuseChannel> byAsn(long asn) {
    return Optional.ofNullable(byAsn.get(asn));
  }

  /** The channel of the provider with this id (case-insensitive), or empty. */
  public Optional<AbuseChannel> find(String providerId) {
    return providerId == null ? Optional.empty()
        : Optional.ofNullable(byProvider.get(providerId.toLowerCase(Locale.ROOT)));
  }

  /** Every channel, in table order. */
  public Collection<AbuseChannel> all() {
    return byProvider.values();
  }

  private static AbuseChannel channel(YamlEntries.Entry e) {
    e.onlyFields(FIELDS);
    String provider = required(e, "provider");
    if (!provider.matches("[a-z0-9][a-z0-9-]*")) {
      throw e.error("provider", "'" + provider + "' is not a lower-case id (a-z, 0-9, -)");
    }
    String email = e.text("email");
    if (email != null && !MailboxSyntax.plausible(email)) {
      throw e.error("email", "'" + email + "' is not an e-mail address");
    }
    URI webForm = url(e, "web_form");
    URI api = url(e, "api");
    if (email == null && webForm == null && api == null) {
      throw e.error("provider", "entry '" + provider + "' has no email, web_form or api");
    }
    Set<String> formats = new LinkedHashSet<>();
    for (String f : e.list("formats")) {
      String id = f.strip().toLowerCase(Locale.ROOT);
      if (!ReportFormats.KNOWN.contains(id)) {
        throw e.error("formats", "unknown format '" + f + "' (known: "
            + String.join(", ", ReportFormats.KNOWN.stream().sorted().toList()) + ")");
      }
      formats.add(id);
    }
    if (formats.isEmpty()) {
      throw e.error("formats", "entry '" + provider + "' names no format");
    }
    URI source = url(e, "source");
    boolean confirmed = bool(e, "confirmed");
    if (confirmed && source == null) {
      throw e.error("confirmed", "a confirmed entry needs its source");
    }
    return new AbuseChannel(provider, required(e, "name"), email, webForm, api, formats, e.text("note"), source, confirmed);
  }

  private static List<Long> asns(YamlEntries.Entry e) {
    List<Long> out = new ArrayList<>();
    for (String text : e.list("asns")) {
      String digits = text.strip();
      if (digits.toUpperCase(Locale.ROOT).startsWith("AS")) {
        digits = digits.substring(2);
      }
      long n;
      try {
        n = Long.parseLong(digits);
      } catch (NumberFormatException x) {
        n = -1;
      }
      if (n < 1 || n > 0xFFFFFFFFL) {
        throw e.error("asns", "'" + text + "' is not an AS number (1..4294967295)");
      }
      out.add(n);
    }
    return out;
  }

  private static String required(YamlEntries.Entry e, String field) {
    String v = e.text(field);
    if (v == null) {
      throw e.error(field, "missing");
    }
    return v;
  }

  static URI url(YamlEntries.Entry e, String field) {
    String v = e.text(field);
    if (v == null) {
      return null;
    }
    try {
      URI u = new URI(v);
      if (!"https".equalsIgnoreCase(u.getScheme()) && !"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
        throw e.error(field, "'" + v + "' is not an http(s) URL");
      }
      return u;
    } catch (URISyntaxException x) {
      throw e.error(field, "'" + v + "' is not a URL: " + x.getReason());
    }
  }

  static boolean bool(YamlEntries.Entry e, String field) {
    String v = e.text(field);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw e.error(field, "expected true or false, got '" + v + "'");
  }
}
