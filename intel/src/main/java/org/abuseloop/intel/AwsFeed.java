package org.abuseloop.intel;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads AWS's {@code ip-ranges.json}: {@code prefixes} (IPv4) and {@code ipv6_prefixes}, each with
 * region, service and network border group. Stateless and thread-safe.
 */
final class AwsFeed {

  /** AWS lists every range again under this catch-all service, which says no more than "AWS". */
  static final String CATCH_ALL = "AMAZON";

  private AwsFeed() {}

  static List<ProviderRange> read(JsonCursor root) throws RangeFileException {
    List<ProviderRange> out = new ArrayList<>();
    for (JsonCursor e : root.array("prefixes")) {
      out.add(range(e, "ip_prefix"));
    }
    for (JsonCursor e : root.optionalArray("ipv6_prefixes")) {
      out.add(range(e, "ipv6_prefix"));
    }
    return out;
  }

  private static ProviderRange range(JsonCursor e, String prefixField) throws RangeFileException {
    String region = e.text("region");
    String service = e.text("service");
    String borderGroup = e.optionalText("network_border_group");
    return new ProviderRange(Provider.AWS, e.prefix(prefixField), region,
        CATCH_ALL.equals(service) ? null : service,
        borderGroup == null || borderGroup.equals(region) ? null : borderGroup);
  }
}
