package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;

/** The in-memory RDAP cache: range lookups, expiry, eviction, and range arithmetic. Stateless. */
class MemoryContactCacheTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final String REG = "https://rdap.registry.example/";

  private static CachedContact entry(String first, String last, String contact, Duration life) {
    return new CachedContact(REG, IpAddress.of(first), IpAddress.of(last), contact, "test", null, T0, T0.plus(life));
  }

  @Test
  void findsTheNarrowestLiveRangeOfTheRegistry() {
    MemoryContactCache cache = new MemoryContactCache(10);
    cache.put(entry("198.51.100.0", "198.51.100.255", "wide@example.net", Duration.ofDays(1)));
    cache.put(entry("198.51.100.64", "198.51.100.127", "narrow@example.net", Duration.ofHours(1)));

    assertThat(cache.find(REG, IpAddress.of("198.51.100.70"), T0).orElseThrow().contact()).isEqualTo("narrow@example.net");
    assertThat(cache.find(REG, IpAddress.of("198.51.100.200"), T0).orElseThrow().contact()).isEqualTo("wide@example.net");
    assertThat(cache.find(REG, IpAddress.of("198.51.100.70"), T0.plus(Duration.ofHours(1))).orElseThrow().contact())
        .isEqualTo("wide@example.net");
    assertThat(cache.find("https://other.example/", IpAddress.of("198.51.100.70"), T0)).isEmpty();
    assertThat(cache.find(REG, IpAddress.of("2001:db8::1"), T0)).isEmpty();
  }

  @Test
  void evictsTheSoonestToExpireBeyondItsCapacity() {
    MemoryContactCache cache = new MemoryContactCache(2);
    cache.put(entry("192.0.2.0", "192.0.2.255", "a@example.net", Duration.ofDays(2)));
    cache.put(entry("198.51.100.0", "198.51.100.255", "b@example.net", Duration.ofHours(1)));
    cache.put(entry("203.0.113.0", "203.0.113.255", "c@example.net", Duration.ofDays(1)));

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.find(REG, IpAddress.of("198.51.100.1"), T0)).isEmpty();
    assertThat(cache.find(REG, IpAddress.of("192.0.2.1"), T0)).isPresent();
    assertThat(cache.find(REG, IpAddress.of("203.0.113.1"), T0)).isPresent();
  }

  @Test
  void rangesAreClampedToTheAddressesBlock() {
    IpAddress a = IpAddress.of("198.51.100.77");
    IpAddress[] r = NetworkRange.clamp(IpAddress.of("198.0.0.0"), IpAddress.of("198.255.255.255"), a, 24);
    assertThat(r).containsExactly(IpAddress.of("198.51.100.0"), IpAddress.of("198.51.100.255"));

    IpAddress[] narrow = NetworkRange.clamp(IpAddress.of("198.51.100.64"), IpAddress.of("198.51.100.127"), a, 24);
    assertThat(narrow).containsExactly(IpAddress.of("198.51.100.64"), IpAddress.of("198.51.100.127"));

    IpAddress b = IpAddress.of("2001:db8:1234:5678::1");
    IpAddress[] v6 = NetworkRange.clamp(IpAddress.of("2001:db8::"), IpAddress.of("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), b, 48);
    assertThat(v6).containsExactly(IpAddress.of("2001:db8:1234::"), IpAddress.of("2001:db8:1234:ffff:ffff:ffff:ffff:ffff"));

    assertThat(NetworkRange.last(IpPrefix.parse("0.0.0.0/0"))).isEqualTo(IpAddress.of("255.255.255.255"));
    assertThat(NetworkRange.last(IpPrefix.parse("::/0"))).isEqualTo(IpAddress.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    assertThat(NetworkRange.last(IpPrefix.parse("2001:db8::1/128"))).isEqualTo(IpAddress.of("2001:db8::1"));
    assertThat(NetworkRange.last(IpPrefix.parse("2001:db8::/64"))).isEqualTo(IpAddress.of("2001:db8::ffff:ffff:ffff:ffff"));
    assertThat(NetworkRange.last(IpPrefix.parse("2001:db8::/96"))).isEqualTo(IpAddress.of("2001:db8::ffff:ffff"));
  }
}
