package org.abuseloop.intel;

/**
 * The published range formats abuseloop reads, recognised by content (never by file name).
 * Immutable and thread-safe.
 */
public enum RangeFormat {
  /** AWS {@code ip-ranges.json}. */
  AWS_JSON(Provider.AWS, "AWS ip-ranges.json"),
  /** Azure service tags, {@code ServiceTags_Public_*.json}. */
  AZURE_SERVICE_TAGS(Provider.AZURE, "Azure service tags JSON"),
  /** Google Cloud {@code cloud.json}. */
  GCP_CLOUD_JSON(Provider.GCP, "Google Cloud cloud.json"),
  /** Oracle Cloud {@code public_ip_ranges.json}. */
  ORACLE_JSON(Provider.ORACLE, "Oracle public_ip_ranges.json"),
  /** The JSON answer of Cloudflare's {@code /client/v4/ips} API. */
  CLOUDFLARE_JSON(Provider.CLOUDFLARE, "Cloudflare ips API JSON"),
  /** An RFC 8805 geofeed CSV; whose it is comes from the file name. */
  GEOFEED(null, "RFC 8805 geofeed"),
  /** One CIDR prefix per line; whose it is comes from the file name. */
  CIDR_LIST(null, "CIDR list");

  private final Provider provider;
  private final String description;

  RangeFormat(Provider provider, String description) {
    this.provider = provider;
    this.description = description;
  }

  /** The provider the format belongs to, or null for the generic formats (geofeed, CIDR list). */
  public Provider provider() {
    return provider;
  }

  public String description() {
    return description;
  }
}
