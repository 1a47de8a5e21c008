package org.abuseloop.intel;

import java.util.Objects;
import org.abuseloop.core.IpPrefix;

/**
 * One address range as a provider publishes it: who, which prefix, and where and what for when the
 * feed says so. Immutable and thread-safe; it is both a feed's entry and the answer of a lookup.
 *
 * @param provider who publishes the range
 * @param prefix the published prefix (for a lookup: the longest one holding the address)
 * @param region the provider's region name ({@code eu-west-1}, {@code westeurope}), or for a
 *     geofeed the ISO 3166-2 subdivision (or country) code; null when the feed gives none
 * @param service what the range serves ({@code EC2}, {@code AzureStorage}, several joined by
 *     {@code ,}); null when the feed says only "this provider" (AWS {@code AMAZON}, Azure
 *     {@code AzureCloud}) or nothing
 * @param place a finer location when the feed gives one: AWS's network border group when it
 *     differs from the region (a Local Zone such as {@code us-east-1-iah-1}), a geofeed's city;
 *     else null
 */
public record ProviderRange(Provider provider, IpPrefix prefix, String region, String service, String place) {

  public ProviderRange {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(prefix, "prefix");
    region = blankToNull(region);
    service = blankToNull(service);
    place = blankToNull(place);
  }

  /** The same range with every null field taken from {@code enclosing}, a wider range of the same provider. */
  ProviderRange inheritFrom(ProviderRange enclosing) {
    if (region != null && service != null && place != null) {
      return this;
    }
    return new ProviderRange(provider, prefix,
        region != null ? region : enclosing.region,
        service != null ? service : enclosing.service,
        place != null ? place : enclosing.place);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(provider.id()).append(' ').append(prefix);
    if (region != null) {
      sb.append(" region=").append(region);
    }
    if (service != null) {
      sb.append(" service=").append(service);
    }
    if (place != null) {
      sb.append(" place=").append(place);
    }
    return sb.toString();
  }
}
