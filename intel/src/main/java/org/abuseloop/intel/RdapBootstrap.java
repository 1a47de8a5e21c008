package org.abuseloop.intel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * The IANA RDAP bootstrap registry for IP addresses (RFC 9224, the {@code ipv4.json} and
 * {@code ipv6.json} files): which registry's RDAP server answers for which prefix. Immutable and
 * thread-safe.
 *
 * <p>A lookup takes the longest prefix holding the address and the first {@code https} base URL
 * of its service (else the first URL), as RFC 9224 section 3 suggests.
 */
public final class RdapBootstrap {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One prefix of a service and the base URL chosen for it. Immutable. */
  private record Service(IpPrefix prefix, URI base) {}

  private final List<Service> services;

  private RdapBootstrap(List<Service> services) {
    List<Service> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparingInt((Service s) -> s.prefix().length()).reversed());
    this.services = List.copyOf(sorted);
  }

  /** The services of several bootstrap files together (typically ipv4.json and ipv6.json). */
  public static RdapBootstrap of(List<RdapBootstrap> files) {
    List<Service> all = new ArrayList<>();
    for (RdapBootstrap f : files) {
      all.addAll(f.services);
    }
    return new RdapBootstrap(all);
  }

  /** A bootstrap file on disk. */
  public static RdapBootstrap read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** A bootstrap document; {@code origin} (a file or URL) names it in errors. */
  public static RdapBootstrap read(InputStream in, String origin) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JacksonException e) {
      throw new IOException("RDAP bootstrap " + origin + " is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode services = root == null ? null : root.get("services");
    if (services == null || !services.isArray()) {
      throw new IOException("RDAP bootstrap " + origin + " has no 'services' list (RFC 9224)");
    }
    List<Service> out = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      JsonNode service = services.get(i);
      String where = origin + ": services[" + i + "]";
      if (!service.isArray() || service.size() < 2 || !service.get(0).isArray() || !service.get(1).isArray()) {
        throw new IOException(where + " is not [[prefixes], [URLs]]");
      }
      URI base = base(service.get(1), where);
      for (JsonNode p : service.get(0)) {
        IpPrefix prefix = IpPrefix.parse(p.asText());
        if (prefix == null) {
          throw new IOException(where + ": '" + p.asText() + "' is not a prefix");
        }
        out.add(new Service(prefix, base));
      }
    }
    return new RdapBootstrap(out);
  }

  /** The base URL (ending in {@code /}) of the registry that answers for the address, or null. */
  public URI registryFor(IpAddress address) {
    for (Service s : services) {
      if (s.prefix().contains(address)) {
        return s.base();
      }
    }
    return null;
  }

  /** Prefixes listed. */
  public int size() {
    return services.size();
  }

  private static URI base(JsonNode urls, String where) throws IOException {
    URI first = null;
    for (JsonNode u : urls) {
      URI uri;
      try {
        String text = u.asText();
        uri = new URI(text.endsWith("/") ? text : text + "/");
      } catch (URISyntaxException e) {
        throw new IOException(where + ": '" + u.asText() + "' is not a URL", e);
      }
      if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
        throw new IOException(where + ": '" + u.asText() + "' is not an http(s) URL");
      }
      if ("https".equalsIgnoreCase(uri.getScheme())) {
        return uri;
      }
      if (first == null) {
        first = uri;
      }
    }
    if (first == null) {
      throw new IOException(where + " lists no URL");
    }
    return first;
  }
}
