package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.RangeBlock;
import org.abuseloop.intel.Provider;
import org.abuseloop.intel.ProviderRange;
import org.abuseloop.intel.RangeDirectory;
import org.abuseloop.intel.RangeFile;

/**
 * Turns a remembered {@link StandingRules.Block} into the firewall's {@link RangeBlock}: the
 * provider's published prefixes from the range folder, filtered by region and service. Stateless
 * and thread-safe.
 */
final class ProviderBlock {

  private ProviderBlock() {}

  /** The block with the prefixes the range files in its folder (or {@code defaultRanges}) list now. */
  static RangeBlock build(StandingRules.Block b, Path defaultRanges) throws IOException {
    Provider provider = Provider.byId(b.provider())
        .orElseThrow(() -> new IllegalArgumentException("unknown provider '" + b.provider() + "' (" + providers() + ")"));
    Path dir = b.ranges() == null ? defaultRanges : Path.of(b.ranges());
    List<IpPrefix> prefixes = new ArrayList<>();
    for (RangeFile f : RangeDirectory.read(dir)) {
      for (ProviderRange r : f.ranges()) {
        if (r.provider() == provider && matches(b.region(), r.region()) && servedBy(b.service(), r.service())) {
          prefixes.add(r.prefix());
        }
      }
    }
    if (prefixes.isEmpty()) {
      throw new IllegalArgumentException("no " + provider.id() + " ranges" + (b.region() == null ? "" : " in region " + b.region())
          + (b.service() == null ? "" : " for service " + b.service()) + " in " + dir + " (run 'abuseloop ranges update' first?)");
    }
    return new RangeBlock(b.name(), prefixes,
        Optional.ofNullable(b.port()).map(RuleText::port), Optional.ofNullable(b.rate()).map(RuleText::rate));
  }

  private static boolean matches(String wanted, String actual) {
    return wanted == null || wanted.equalsIgnoreCase(actual);
  }

  /** True when no service was asked for, or the range's services ({@code EC2,ROUTE53}) include it. */
  private static boolean servedBy(String wanted, String services) {
    if (wanted == null) {
      return true;
    }
    if (services == null) {
      return false;
    }
    for (String s : services.split(",")) {
      if (s.strip().equalsIgnoreCase(wanted.strip())) {
        return true;
      }
    }
    return false;
  }

  static String providers() {
    List<String> ids = new ArrayList<>();
    for (Provider p : Provider.values()) {
      ids.add(p.id());
    }
    return String.join(", ", ids).toLowerCase(Locale.ROOT);
  }
}
