package org.abuseloop.intel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.IpPrefix;

/**
 * Folds entries that name the same prefix into one: AWS lists a range under {@code AMAZON} and
 * again under {@code EC2}, Azure under a global and a regional tag. Stateless and thread-safe.
 *
 * <p>Within a provider the first region and place win and the services are joined; when several
 * providers publish the very same prefix, the one first in {@link Provider} order keeps it (no
 * real pair of feeds does this today).
 */
final class RangeMerge {

  private RangeMerge() {}

  /** One range per distinct prefix, in order of first appearance, with equal strings shared. */
  static List<ProviderRange> merge(Collection<ProviderRange> ranges) {
    Map<IpPrefix, List<ProviderRange>> byPrefix = new LinkedHashMap<>();
    for (ProviderRange r : ranges) {
      byPrefix.computeIfAbsent(r.prefix(), k -> new ArrayList<>(1)).add(r);
    }
    Map<String, String> strings = new HashMap<>();
    List<ProviderRange> out = new ArrayList<>(byPrefix.size());
    for (List<ProviderRange> same : byPrefix.values()) {
      out.add(fold(same, strings));
    }
    return out;
  }

  private static ProviderRange fold(List<ProviderRange> same, Map<String, String> strings) {
    Provider owner = same.get(0).provider();
    for (ProviderRange r : same) {
      if (r.provider().ordinal() < owner.ordinal()) {
        owner = r.provider();
      }
    }
    String region = null;
    String place = null;
    List<String> services = new ArrayList<>(same.size());
    for (ProviderRange r : same) {
      if (r.provider() == owner) {
        region = region != null ? region : r.region();
        place = place != null ? place : r.place();
        services.add(r.service());
      }
    }
    return new ProviderRange(owner, same.get(0).prefix(), shared(strings, region),
        shared(strings, FeedText.joinServices(services)), shared(strings, place));
  }

  private static String shared(Map<String, String> strings, String s) {
    return s == null ? null : strings.computeIfAbsent(s, k -> k);
  }
}
