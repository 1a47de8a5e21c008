package org.abuseloop.intel;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Azure's service tags ({@code ServiceTags_Public_*.json}): {@code values}, each a tag with
 * a name, a region (empty for global tags), a system service and its address prefixes. Stateless
 * and thread-safe.
 */
final class AzureFeed {

  /** The tag holding all of Azure (per region as {@code AzureCloud.<region>}): it names no service. */
  private static final String CATCH_ALL = "AzureCloud";

  private AzureFeed() {}

  static List<ProviderRange> read(JsonCursor root) throws RangeFileException {
    List<ProviderRange> out = new ArrayList<>();
    for (JsonCursor tag : root.array("values")) {
      String name = tag.text("name");
      JsonCursor props = tag.object("properties");
      String region = props.optionalText("region");
      String service = service(name, region, props.optionalText("systemService"));
      for (JsonCursor p : props.array("addressPrefixes")) {
        out.add(new ProviderRange(Provider.AZURE, p.prefix(), region, service, null));
      }
    }
    return out;
  }

  /**
   * The system service when the tag has one; else a global tag's own name (e.g.
   * {@code AzureFrontDoor.Frontend}); null for {@code AzureCloud} and its regional forms.
   */
  private static String service(String name, String region, String systemService) {
    if (systemService != null && !systemService.isBlank()) {
      return systemService;
    }
    boolean catchAll = name.equals(CATCH_ALL) || name.startsWith(CATCH_ALL + ".");
    return catchAll || (region != null && !region.isBlank()) ? null : name;
  }
}
