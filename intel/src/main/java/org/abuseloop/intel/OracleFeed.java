package org.abuseloop.intel;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Oracle Cloud's {@code public_ip_ranges.json}: {@code regions}, each with its {@code cidrs}
 * and their tags ({@code OCI}, {@code OSN}, {@code OBJECT_STORAGE}), which become the service.
 * Stateless and thread-safe.
 */
final class OracleFeed {

  private OracleFeed() {}

  static List<ProviderRange> read(JsonCursor root) throws RangeFileException {
    List<ProviderRange> out = new ArrayList<>();
    for (JsonCursor region : root.array("regions")) {
      String name = region.text("region");
      for (JsonCursor cidr : region.array("cidrs")) {
        List<String> tags = new ArrayList<>();
        for (JsonCursor tag : cidr.optionalArray("tags")) {
          tags.add(tag.text());
        }
        out.add(new ProviderRange(Provider.ORACLE, cidr.prefix("cidr"), name, FeedText.joinServices(tags), null));
      }
    }
    return out;
  }
}
