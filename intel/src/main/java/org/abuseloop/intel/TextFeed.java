package org.abuseloop.intel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpPrefix;

/**
 * Reads the line-based feeds: RFC 8805 geofeeds ({@code prefix,country,region,city,postal}, as
 * DigitalOcean and Linode publish them) and plain CIDR lists (Cloudflare's {@code ips-v4},
 * {@code ips-v6}). Blank lines and {@code #} comments are skipped. Stateless and thread-safe.
 */
final class TextFeed {

  private TextFeed() {}

  /** The format of a text feed from its first data line: a comma makes it a geofeed. Null when it has none. */
  static RangeFormat detect(String[] lines) {
    for (String line : lines) {
      String s = line.strip();
      if (!s.isEmpty() && s.charAt(0) != '#') {
        return s.indexOf(',') >= 0 ? RangeFormat.GEOFEED : RangeFormat.CIDR_LIST;
      }
    }
    return null;
  }

  static List<ProviderRange> read(Path file, String[] lines, RangeFormat format, Provider provider)
      throws RangeFileException {
    List<ProviderRange> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (s.isEmpty() || s.charAt(0) == '#') {
        continue;
      }
      String where = "line " + (i + 1);
      out.add(format == RangeFormat.GEOFEED ? geofeedRow(file, where, s, provider) : listRow(file, where, s, provider));
    }
    return out;
  }

  private static ProviderRange listRow(Path file, String where, String s, Provider provider) throws RangeFileException {
    return new ProviderRange(provider, prefix(file, where, s), null, null, null);
  }

  private static ProviderRange geofeedRow(Path file, String where, String s, Provider provider) throws RangeFileException {
    String[] f = s.split(",", -1);
    IpPrefix prefix = prefix(file, where, f[0].strip());
    String country = field(f, 1);
    if (!country.isEmpty() && !(country.length() == 2 && Character.isLetter(country.charAt(0)) && Character.isLetter(country.charAt(1)))) {
      throw new RangeFileException(file, where, "'" + FeedText.excerpt(country) + "' is not an ISO 3166-1 alpha-2 country code");
    }
    String subdivision = field(f, 2);
    return new ProviderRange(provider, prefix, subdivision.isEmpty() ? country : subdivision, null, field(f, 3));
  }

  private static String field(String[] f, int i) {
    return i < f.length ? f[i].strip() : "";
  }

  private static IpPrefix prefix(Path file, String where, String text) throws RangeFileException {
    IpPrefix p = IpPrefix.parse(text);
    if (p == null) {
      throw new RangeFileException(file, where, "'" + FeedText.excerpt(text) + "' is not a CIDR prefix");
    }
    return p;
  }
}
