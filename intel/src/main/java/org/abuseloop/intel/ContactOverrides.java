package org.abuseloop.intel;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * The operator's override table: where reports about a network or a provider (optionally one of
 * its regions) go instead, or that they are never sent. Immutable and thread-safe.
 *
 * <p>Precedence: the most specific matching {@code cidr} entry, then a {@code provider} +
 * {@code region} entry, then a {@code provider} entry. A bad entry fails the load with
 * {@code file:line: field: problem}.
 */
public final class ContactOverrides {

  private static final Set<String> FIELDS = Set.of("cidr", "provider", "region", "contact", "format", "never", "note");
  private static final ContactOverrides NONE = new ContactOverrides(List.of(), List.of());

  /** One override entry; {@code contact} and {@code format} are null when {@code never}. Immutable. */
  record Entry(IpPrefix cidr, String provider, String region, String contact, String format, boolean never,
               String note, String at) {

    ContactAnswer answer() {
      if (never) {
        return new ContactAnswer(ContactAnswer.OVERRIDE, null, null, at,
            "operator override " + at + " says never report" + (note == null ? "" : " (" + note + ")"));
      }
      return new ContactAnswer(ContactAnswer.OVERRIDE, contact, format, at,
          "operator override " + at + (cidr != null ? " for " + cidr : " for provider " + provider
              + (region == null ? "" : " region " + region)) + (note == null ? "" : ": " + note));
    }
  }

  private final List<Entry> byCidr;
  private final List<Entry> byProvider;

  private ContactOverrides(List<Entry> byCidr, List<Entry> byProvider) {
    this.byCidr = byCidr;
    this.byProvider = byProvider;
  }

  /** An empty table: no overrides. */
  public static ContactOverrides none() {
    return NONE;
  }

  /** The overrides in a YAML file ({@code overrides: [...]}). */
  public static ContactOverrides read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    }
  }

  /** The overrides in YAML text; {@code origin} names it in errors. */
  public static ContactOverrides read(Reader yaml, String origin) {
    List<Entry> cidrs = new ArrayList<>();
    List<Entry> providers = new ArrayList<>();
    for (YamlEntries.Entry e : YamlEntries.read(yaml, origin, "overrides")) {
      Entry entry = entry(e);
      (entry.cidr() != null ? cidrs : providers).add(entry);
    }
    // Longest prefix first, so the first match is the most specific.
    cidrs.sort(Comparator.comparingInt((Entry x) -> x.cidr().length()).reversed());
    providers.sort(Comparator.comparingInt((Entry x) -> x.region() == null ? 1 : 0));
    return new ContactOverrides(List.copyOf(cidrs), List.copyOf(providers));
  }

  /** The override for this source, or null when none applies. */
  public ContactAnswer find(IpAddress source, String providerId, String region) {
    for (Entry e : byCidr) {
      if (e.cidr().contains(source)) {
        return e.answer();
      }
    }
    if (providerId != null) {
      for (Entry e : byProvider) {
        if (e.provider().equalsIgnoreCase(providerId) && (e.region() == null || e.region().equalsIgnoreCase(region))) {
          return e.answer();
        }
      }
    }
    return null;
  }

  /** Entries in the table. */
  public int size() {
    return byCidr.size() + byProvider.size();
  }

  private static Entry entry(YamlEntries.Entry e) {
    e.onlyFields(FIELDS);
    String at = e.origin() + ":" + e.line();
    String cidrText = e.text("cidr");
    String provider = e.text("provider");
    String region = e.text("region");
    if ((cidrText == null) == (provider == null)) {
      throw e.error(cidrText == null ? "cidr" : "provider", "an entry needs exactly one of cidr or provider");
    }
    IpPrefix cidr = null;
    if (cidrText != null) {
      cidr = IpPrefix.parse(cidrText);
      if (cidr == null) {
        throw e.error("cidr", "'" + cidrText + "' is not an address or prefix (a.b.c.d/n, x::/n)");
      }
      if (region != null) {
        throw e.error("region", "region applies to provider entries only");
      }
    }
    boolean never = ProviderChannels.bool(e, "never");
    String contact = e.text("contact");
    String format = e.text("format");
    if (never) {
      if (contact != null || format != null) {
        throw e.error(contact != null ? "contact" : "format", "a 'never: true' entry takes no contact or format");
      }
    } else {
      if (contact == null) {
        throw e.error("contact", "missing (give a contact, or never: true)");
      }
      if (!contact.contains("://")) {
        if (!MailboxSyntax.plausible(contact)) {
          throw e.error("contact", "'" + contact + "' is neither an e-mail address nor an http(s) URL");
        }
      } else {
        ProviderChannels.url(e, "contact");
      }
      format = format == null ? "text" : format.toLowerCase(Locale.ROOT);
      if (!ReportFormats.KNOWN.contains(format)) {
        throw e.error("format", "unknown format '" + format + "' (known: "
            + String.join(", ", ReportFormats.KNOWN.stream().sorted().toList()) + ")");
      }
    }
    return new Entry(cidr, provider == null ? null : provider.toLowerCase(Locale.ROOT), region, contact, format, never,
        e.text("note"), at);
  }
}
