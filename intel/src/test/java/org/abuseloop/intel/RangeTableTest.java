package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;

/** Longest-prefix match, merging and inheritance of {@link RangeTable} on small hand-made range sets. */
class RangeTableTest {

  private static ProviderRange range(Provider p, String prefix, String region, String service) {
    return new ProviderRange(p, IpPrefix.parse(prefix), region, service, null);
  }

  private static ProviderRange at(RangeTable t, String address) {
    return t.lookup(IpAddress.of(address));
  }

  @Test
  void theLongestPrefixWinsAndTheWiderRangeResumesAfterIt() {
    RangeTable t = RangeTable.of(List.of(
        range(Provider.AWS, "10.0.0.0/8", "r8", "S8"),
        range(Provider.AWS, "10.1.0.0/16", "r16", "S16"),
        range(Provider.AWS, "10.1.2.0/24", "r24", "S24")));
    assertThat(at(t, "9.255.255.255")).isNull();
    assertThat(at(t, "10.0.0.0").region()).isEqualTo("r8");
    assertThat(at(t, "10.0.255.255").region()).isEqualTo("r8");
    assertThat(at(t, "10.1.0.0").region()).isEqualTo("r16");
    assertThat(at(t, "10.1.1.255").region()).isEqualTo("r16");
    assertThat(at(t, "10.1.2.0").region()).isEqualTo("r24");
    assertThat(at(t, "10.1.2.0").prefix()).isEqualTo(IpPrefix.parse("10.1.2.0/24"));
    assertThat(at(t, "10.1.2.255").region()).isEqualTo("r24");
    assertThat(at(t, "10.1.3.0").region()).isEqualTo("r16");
    assertThat(at(t, "10.1.3.0").prefix()).isEqualTo(IpPrefix.parse("10.1.0.0/16"));
    assertThat(at(t, "10.2.0.0").region()).isEqualTo("r8");
    assertThat(at(t, "10.255.255.255").region()).isEqualTo("r8");
    assertThat(at(t, "11.0.0.0")).isNull();
    assertThat(t.prefixCount()).isEqualTo(3);
  }

  @Test
  void prefixesTouchingTheEndsOfTheAddressSpaceWork() {
    RangeTable t = RangeTable.of(List.of(
        range(Provider.GCP, "0.0.0.0/0", "all", null),
        range(Provider.GCP, "255.255.255.255/32", "top", null),
        range(Provider.GCP, "0.0.0.0/32", "bottom", null),
        range(Provider.GCP, "::/0", "all6", null),
        range(Provider.GCP, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "top6", null),
        range(Provider.GCP, "::/128", "bottom6", null)));
    assertThat(at(t, "0.0.0.0").region()).isEqualTo("bottom");
    assertThat(at(t, "0.0.0.1").region()).isEqualTo("all");
    assertThat(at(t, "128.0.0.0").region()).isEqualTo("all");
    assertThat(at(t, "255.255.255.254").region()).isEqualTo("all");
    assertThat(at(t, "255.255.255.255").region()).isEqualTo("top");
    assertThat(at(t, "::").region()).isEqualTo("bottom6");
    assertThat(at(t, "::1").region()).isEqualTo("all6");
    assertThat(at(t, "8000::").region()).isEqualTo("all6");
    assertThat(at(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe").region()).isEqualTo("all6");
    assertThat(at(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").region()).isEqualTo("top6");
  }

  @Test
  void ipv6PrefixesNestAcrossTheSixtyFourBitWord() {
    RangeTable t = RangeTable.of(List.of(
        range(Provider.AZURE, "2001:db8::/32", "wide", null),
        range(Provider.AZURE, "2001:db8:a::/48", "mid", null),
        range(Provider.AZURE, "2001:db8:a:0:8000::/65", "narrow", null)));
    assertThat(at(t, "2001:db8::1").region()).isEqualTo("wide");
    assertThat(at(t, "2001:db8:a::1").region()).isEqualTo("mid");
    assertThat(at(t, "2001:db8:a:0:7fff:ffff:ffff:ffff").region()).isEqualTo("mid");
    assertThat(at(t, "2001:db8:a:0:8000::").region()).isEqualTo("narrow");
    assertThat(at(t, "2001:db8:a:0:ffff:ffff:ffff:ffff").region()).isEqualTo("narrow");
    assertThat(at(t, "2001:db8:a:1::").region()).isEqualTo("mid");
    assertThat(at(t, "2001:db8:b::").region()).isEqualTo("wide");
    assertThat(at(t, "2001:db9::")).isNull();
    assertThat(at(t, "10.0.0.1")).isNull();
  }

  @Test
  void anIpv4MappedAddressFindsTheIpv4Range() {
    RangeTable t = RangeTable.of(List.of(range(Provider.AWS, "203.0.113.0/24", "eu-west-1", "EC2")));
    assertThat(at(t, "::ffff:203.0.113.7").service()).isEqualTo("EC2");
  }

  @Test
  void aNestedRangeTakesMissingFieldsFromTheEnclosingRangeOfItsOwnProviderOnly() {
    RangeTable t = RangeTable.of(List.of(
        range(Provider.AZURE, "192.0.2.0/24", "westeurope", null),
        range(Provider.AZURE, "192.0.2.0/30", null, "AzureStorage"),
        range(Provider.CLOUDFLARE, "192.0.2.128/25", null, null),
        new ProviderRange(Provider.AWS, IpPrefix.parse("198.51.100.0/24"), "us-east-1", "EC2", "us-east-1-iah-1"),
        range(Provider.AWS, "198.51.100.64/26", "us-east-1", null)));
    ProviderRange storage = at(t, "192.0.2.1");
    assertThat(storage.region()).isEqualTo("westeurope");
    assertThat(storage.service()).isEqualTo("AzureStorage");
    assertThat(storage.prefix()).isEqualTo(IpPrefix.parse("192.0.2.0/30"));
    ProviderRange cloudflare = at(t, "192.0.2.200");
    assertThat(cloudflare.provider()).isEqualTo(Provider.CLOUDFLARE);
    assertThat(cloudflare.region()).isNull();
    ProviderRange nested = at(t, "198.51.100.70");
    assertThat(nested.service()).isEqualTo("EC2");
    assertThat(nested.place()).isEqualTo("us-east-1-iah-1");
    assertThat(nested.prefix()).isEqualTo(IpPrefix.parse("198.51.100.64/26"));
  }

  @Test
  void entriesRepeatingAPrefixMergeTheirServicesAndKeepTheFirstRegion() {
    RangeTable t = RangeTable.of(List.of(
        range(Provider.AWS, "203.0.113.0/24", "eu-west-1", null),
        range(Provider.AWS, "203.0.113.0/24", "eu-west-1", "S3"),
        range(Provider.AWS, "203.0.113.0/24", "eu-west-1", "EC2"),
        range(Provider.AZURE, "198.51.100.0/24", null, "AzureStorage"),
        range(Provider.AZURE, "198.51.100.0/24", "northeurope", "AzureStorage")));
    assertThat(at(t, "203.0.113.9").service()).isEqualTo("EC2,S3");
    assertThat(at(t, "198.51.100.9").region()).isEqualTo("northeurope");
    assertThat(at(t, "198.51.100.9").service()).isEqualTo("AzureStorage");
    assertThat(t.prefixCount()).isEqualTo(2);
    assertThat(t.prefixCounts()).containsEntry(Provider.AWS, 1).containsEntry(Provider.AZURE, 1);
  }

  @Test
  void theSamePrefixFromTwoProvidersGoesToTheFirstInProviderOrder() {
    RangeTable t = RangeTable.of(List.of(
        range(Provider.LINODE, "192.0.2.0/24", "US-NJ", null),
        range(Provider.AWS, "192.0.2.0/24", "us-east-1", null)));
    assertThat(at(t, "192.0.2.1").provider()).isEqualTo(Provider.AWS);
    assertThat(t.prefixCount()).isEqualTo(1);
  }

  @Test
  void addressesInOneSpanShareOneAnswer() {
    RangeTable t = RangeTable.of(List.of(range(Provider.GCP, "198.51.100.0/24", "us-west8", "Google Cloud")));
    assertThat(at(t, "198.51.100.1")).isSameAs(at(t, "198.51.100.254"));
  }

  @Test
  void anEmptyTableKnowsNoAddress() {
    assertThat(RangeTable.empty().lookup(IpAddress.of("192.0.2.1"))).isNull();
    assertThat(RangeTable.empty().lookup(IpAddress.of("2001:db8::1"))).isNull();
    assertThat(RangeTable.empty().prefixCount()).isZero();
  }

  @Test
  void randomNestedPrefixesMatchABruteForceLongestPrefixSearch() {
    Random rnd = new Random(20250725);
    List<ProviderRange> ranges = new ArrayList<>();
    Provider[] providers = Provider.values();
    for (int i = 0; i < 400; i++) {
      // A few /8 and /32 neighbourhoods so that prefixes nest and touch.
      int v4 = (rnd.nextInt(4) << 24) | (rnd.nextInt(4) << 16) | rnd.nextInt(1 << 16);
      long high = 0x20010db800000000L | rnd.nextInt(4);
      long low = rnd.nextLong();
      IpPrefix p = rnd.nextBoolean()
          ? IpPrefix.of(IpAddress.ofIPv4(v4), 8 + rnd.nextInt(25))
          : IpPrefix.of(IpAddress.ofIPv6(high, low), 32 + rnd.nextInt(97));
      ranges.add(new ProviderRange(providers[rnd.nextInt(providers.length)], p, "r" + i, null, null));
    }
    RangeTable t = RangeTable.of(ranges);
    for (int i = 0; i < 3000; i++) {
      IpAddress a = rnd.nextBoolean()
          ? IpAddress.ofIPv4((rnd.nextInt(5) << 24) | (rnd.nextInt(4) << 16) | rnd.nextInt(1 << 16))
          : IpAddress.ofIPv6(0x20010db800000000L | rnd.nextInt(5), rnd.nextLong());
      if (i % 3 == 0) {
        a = ranges.get(rnd.nextInt(ranges.size())).prefix().network();
      }
      IpPrefix best = null;
      for (ProviderRange r : ranges) {
        if (r.prefix().contains(a) && (best == null || r.prefix().length() > best.length())) {
          best = r.prefix();
        }
      }
      ProviderRange got = t.lookup(a);
      assertThat(got == null ? null : got.prefix()).as(a.toString()).isEqualTo(best);
    }
  }
}
