package org.abuseloop.intel;

import java.net.URI;
import java.util.Objects;

/**
 * Where a provider publishes one of its range files, and the name to save it under so that
 * {@link RangeDirectory} recognises whose it is. Immutable and thread-safe.
 *
 * @param provider whose ranges
 * @param uri the documented official address
 * @param fileName the file name to save the download as (holds the provider id)
 * @param viaDownloadPage true when {@code uri} is a page that links to the file rather than the file
 *     itself (Azure renames its service tags file every week)
 */
public record RangeSource(Provider provider, URI uri, String fileName, boolean viaDownloadPage) {

  public RangeSource {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(uri, "uri");
    if (!isAllowed(uri)) {
      throw new IllegalArgumentException("range sources are fetched over https only (http only from loopback): " + uri);
    }
    if (!fileName.contains(provider.id())) {
      throw new IllegalArgumentException(fileName + " does not name its provider " + provider.id());
    }
  }

  /** True for https addresses, and for http to a loopback host (local test servers). */
  static boolean isAllowed(URI uri) {
    String host = uri.getHost();
    if ("https".equals(uri.getScheme()) && host != null) {
      return true;
    }
    return "http".equals(uri.getScheme()) && host != null
        && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }
}
