package org.abuseloop.intel;

import java.net.URI;
import java.util.List;

/**
 * The official, documented addresses of each provider's range files, for {@code abuseloop ranges
 * update}. Immutable and thread-safe; nothing here opens a connection.
 */
public final class RangeSources {

  private static final List<RangeSource> ALL = List.of(
      // https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html
      source(Provider.AWS, "https://ip-ranges.amazonaws.com/ip-ranges.json", "aws-ip-ranges.json", false),
      // "Azure IP Ranges and Service Tags – Public Cloud": the page links to ServiceTags_Public_YYYYMMDD.json.
      source(Provider.AZURE, "https://www.microsoft.com/en-us/download/details.aspx?id=56519", "azure-service-tags.json", true),
      // https://cloud.google.com/compute/docs/faq#find_ip_range
      source(Provider.GCP, "https://www.gstatic.com/ipranges/cloud.json", "gcp-cloud.json", false),
      // https://docs.oracle.com/en-us/iaas/Content/General/Concepts/addressranges.htm
      source(Provider.ORACLE, "https://docs.oracle.com/en-us/iaas/tools/public_ip_ranges.json", "oracle-public_ip_ranges.json", false),
      // DigitalOcean's geofeed (RFC 8805), linked from its documentation on IP ranges.
      source(Provider.DIGITALOCEAN, "https://digitalocean.com/geo/google.csv", "digitalocean.csv", false),
      // Linode (Akamai) geofeed (RFC 8805).
      source(Provider.LINODE, "https://geoip.linode.com/", "linode.csv", false),
      // https://www.cloudflare.com/ips/
      source(Provider.CLOUDFLARE, "https://www.cloudflare.com/ips-v4", "cloudflare-ips-v4", false),
      source(Provider.CLOUDFLARE, "https://www.cloudflare.com/ips-v6", "cloudflare-ips-v6", false));

  private RangeSources() {}

  /** Every provider's sources, in {@link Provider} order. */
  public static List<RangeSource> all() {
    return ALL;
  }

  /** One provider's sources. */
  public static List<RangeSource> of(Provider provider) {
    return ALL.stream().filter(s -> s.provider() == provider).toList();
  }

  private static RangeSource source(Provider provider, String uri, String fileName, boolean viaPage) {
    return new RangeSource(provider, URI.create(uri), fileName, viaPage);
  }
}
