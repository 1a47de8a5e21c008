package org.abuseloop.intel;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON answer of Cloudflare's {@code /client/v4/ips} API ({@code result.ipv4_cidrs},
 * {@code result.ipv6_cidrs}); the plain {@code ips-v4}/{@code ips-v6} lists go through
 * {@link TextFeed}. Stateless and thread-safe.
 */
final class CloudflareFeed {

  private CloudflareFeed() {}

  static List<ProviderRange> read(JsonCursor root) throws RangeFileException {
    JsonCursor result = root.object("result");
    List<ProviderRange> out = new ArrayList<>();
    for (String key : new String[] {"ipv4_cidrs", "ipv6_cidrs"}) {
      for (JsonCursor c : result.optionalArray(key)) {
        out.add(new ProviderRange(Provider.CLOUDFLARE, c.prefix(), null, null, null));
      }
    }
    return out;
  }
}
