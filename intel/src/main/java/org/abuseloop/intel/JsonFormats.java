package org.abuseloop.intel;

import java.util.List;

/**
 * Tells the JSON range formats apart by the members they have, never by file name. Stateless and
 * thread-safe.
 */
final class JsonFormats {

  private JsonFormats() {}

  static RangeFormat detect(JsonCursor root) throws RangeFileException {
    if (root.has("values")) {
      return RangeFormat.AZURE_SERVICE_TAGS;
    }
    if (root.has("regions")) {
      return RangeFormat.ORACLE_JSON;
    }
    if (root.has("result")) {
      return RangeFormat.CLOUDFLARE_JSON;
    }
    if (root.has("ipv6_prefixes") || root.has("createDate")) {
      return RangeFormat.AWS_JSON;
    }
    if (root.has("prefixes")) {
      return prefixesFormat(root);
    }
    throw root.error("JSON of no known range format (expected AWS ip-ranges.json, Azure service tags,"
        + " Google Cloud cloud.json, Oracle public_ip_ranges.json or Cloudflare's ips API)");
  }

  /** AWS and Google both have {@code prefixes}: their members tell them apart. */
  private static RangeFormat prefixesFormat(JsonCursor root) throws RangeFileException {
    List<JsonCursor> prefixes = root.array("prefixes");
    if (prefixes.isEmpty()) {
      throw root.error("'prefixes' is empty: cannot tell AWS from Google Cloud, and there is nothing to read");
    }
    JsonCursor first = prefixes.get(0);
    if (first.has("ip_prefix")) {
      return RangeFormat.AWS_JSON;
    }
    if (first.has("ipv4Prefix") || first.has("ipv6Prefix")) {
      if (!first.has("scope")) {
        throw first.error("Google's goog.json (every Google address, no regions) is not a cloud range feed: use cloud.json");
      }
      return RangeFormat.GCP_CLOUD_JSON;
    }
    throw first.error("neither an AWS (ip_prefix) nor a Google Cloud (ipv4Prefix, ipv6Prefix) entry");
  }
}
