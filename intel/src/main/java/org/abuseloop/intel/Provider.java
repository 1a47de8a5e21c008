package org.abuseloop.intel;

import java.util.Locale;
import java.util.Optional;

/**
 * A cloud or hosting provider whose published address ranges abuseloop reads, with its stable id
 * ({@code aws}, {@code azure}, ...). Immutable and thread-safe.
 */
public enum Provider {
  AWS("aws", "Amazon Web Services", "aws"),
  AZURE("azure", "Microsoft Azure", "azure"),
  GCP("gcp", "Google Cloud", "gcp"),
  ORACLE("oracle", "Oracle Cloud Infrastructure", "oracle"),
  DIGITALOCEAN("digitalocean", "DigitalOcean", "digital-ocean"),
  LINODE("linode", "Akamai Cloud (Linode)", "akamai"),
  CLOUDFLARE("cloudflare", "Cloudflare", "cloudflare");

  private final String id;
  private final String displayName;
  private final String alias;

  Provider(String id, String displayName, String alias) {
    this.id = id;
    this.displayName = displayName;
    this.alias = alias;
  }

  /** The stable lower-case id used in output, settings and file names. */
  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** The provider with this id (case-insensitive), or empty. */
  public static Optional<Provider> byId(String id) {
    for (Provider p : values()) {
      if (p.id.equalsIgnoreCase(id)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The one provider whose id (or for Linode {@code akamai}, for DigitalOcean {@code digital-ocean})
   * occurs in a file name (case-insensitive), for the formats
   * whose content does not say whose they are (geofeeds, plain CIDR lists). Empty when none or
   * several occur.
   */
  static Optional<Provider> namedIn(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    Provider found = null;
    for (Provider p : values()) {
      if (name.contains(p.id) || name.contains(p.alias)) {
        if (found != null) {
          return Optional.empty();
        }
        found = p;
      }
    }
    return Optional.ofNullable(found);
  }
}
