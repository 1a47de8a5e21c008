package org.abuseloop.intel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpAddress;

/**
 * One entry of a provider's feed as the tests read it on their own, by walking the JSON tree or the
 * lines directly and parsing addresses with {@link InetAddress} (not with the code under test), so
 * that counts and expected answers are independent of it. Immutable.
 */
record Published(String provider, String cidr, boolean v4, BigInteger start, BigInteger end, int length,
    String region, String service) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Published of(String provider, String cidr, String region, String service) {
    int slash = cidr.indexOf('/');
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
    } catch (IOException e) {
      throw new IllegalArgumentException(cidr, e);
    }
    int length = Integer.parseInt(cidr.substring(slash + 1));
    int bits = bytes.length * 8;
    BigInteger size = BigInteger.ONE.shiftLeft(bits - length);
    BigInteger start = new BigInteger(1, bytes).divide(size).multiply(size);
    return new Published(provider, cidr, bytes.length == 4, start, start.add(size).subtract(BigInteger.ONE), length,
        region == null || region.isEmpty() ? null : region, service == null || service.isEmpty() ? null : service);
  }

  boolean contains(boolean isV4, BigInteger address) {
    return v4 == isV4 && start.compareTo(address) <= 0 && address.compareTo(end) <= 0;
  }

  /** The address with the given value, as the code under test represents it. */
  static IpAddress address(boolean v4, BigInteger value) {
    return v4 ? IpAddress.ofIPv4(value.intValue()) : IpAddress.ofIPv6(value.shiftRight(64).longValue(), value.longValue());
  }

  static BigInteger value(IpAddress a) {
    if (a.isIPv4()) {
      return BigInteger.valueOf(a.ipv4Bits() & 0xFFFFFFFFL);
    }
    return new BigInteger(Long.toUnsignedString(a.high())).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a.low())));
  }

  static List<Published> aws(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<Published> out = new ArrayList<>();
    for (JsonNode p : root.get("prefixes")) {
      out.add(of("aws", p.get("ip_prefix").asText(), p.get("region").asText(), p.get("service").asText()));
    }
    for (JsonNode p : root.get("ipv6_prefixes")) {
      out.add(of("aws", p.get("ipv6_prefix").asText(), p.get("region").asText(), p.get("service").asText()));
    }
    return out;
  }

  static List<Published> azure(Path file) throws IOException {
    List<Published> out = new ArrayList<>();
    for (JsonNode tag : JSON.readTree(file.toFile()).get("values")) {
      JsonNode props = tag.get("properties");
      for (JsonNode p : props.get("addressPrefixes")) {
        out.add(of("azure", p.asText(), props.get("region").asText(), props.get("systemService").asText()));
      }
    }
    return out;
  }

  static List<Published> gcp(Path file) throws IOException {
    List<Published> out = new ArrayList<>();
    for (JsonNode p : JSON.readTree(file.toFile()).get("prefixes")) {
      JsonNode cidr = p.has("ipv4Prefix") ? p.get("ipv4Prefix") : p.get("ipv6Prefix");
      out.add(of("gcp", cidr.asText(), p.get("scope").asText(), p.get("service").asText()));
    }
    return out;
  }

  static List<Published> oracle(Path file) throws IOException {
    List<Published> out = new ArrayList<>();
    for (JsonNode region : JSON.readTree(file.toFile()).get("regions")) {
      for (JsonNode c : region.get("cidrs")) {
        out.add(of("oracle", c.get("cidr").asText(), region.get("region").asText(), null));
      }
    }
    return out;
  }

  /** An RFC 8805 geofeed: the region is the subdivision, or the country when that is empty. */
  static List<Published> geofeed(String provider, Path file) throws IOException {
    List<Published> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      String region = f.length > 2 && !f[2].isBlank() ? f[2] : f.length > 1 ? f[1] : null;
      out.add(of(provider, f[0].trim(), region, null));
    }
    return out;
  }
}
