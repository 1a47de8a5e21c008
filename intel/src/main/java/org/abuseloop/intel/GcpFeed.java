package org.abuseloop.intel;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Google Cloud's {@code cloud.json}: {@code prefixes}, each with {@code ipv4Prefix} or
 * {@code ipv6Prefix}, a scope (the region) and a service. Stateless and thread-safe.
 */
final class GcpFeed {

  private GcpFeed() {}

  static List<ProviderRange> read(JsonCursor root) throws RangeFileException {
    List<ProviderRange> out = new ArrayList<>();
    for (JsonCursor e : root.array("prefixes")) {
      boolean v4 = e.has("ipv4Prefix");
      if (v4 == e.has("ipv6Prefix")) {
        throw e.error("expected exactly one of ipv4Prefix and ipv6Prefix");
      }
      out.add(new ProviderRange(Provider.GCP, e.prefix(v4 ? "ipv4Prefix" : "ipv6Prefix"),
          e.text("scope"), e.optionalText("service"), null));
    }
    return out;
  }
}
