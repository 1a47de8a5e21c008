package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;

class PrefixRangesTest {

  @Test
  void lastAddressOfIpv4AndIpv6Prefixes() {
    assertThat(PrefixRanges.last(IpPrefix.parse("198.51.100.0/24"))).isEqualTo(IpAddress.of("198.51.100.255"));
    assertThat(PrefixRanges.last(IpPrefix.parse("0.0.0.0/0"))).isEqualTo(IpAddress.of("255.255.255.255"));
    assertThat(PrefixRanges.last(IpPrefix.parse("192.0.2.1/32"))).isEqualTo(IpAddress.of("192.0.2.1"));
    assertThat(PrefixRanges.last(IpPrefix.parse("2001:db8::/64"))).isEqualTo(IpAddress.of("2001:db8::ffff:ffff:ffff:ffff"));
    assertThat(PrefixRanges.last(IpPrefix.parse("2001:db8::/32"))).isEqualTo(IpAddress.of("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
    assertThat(PrefixRanges.last(IpPrefix.parse("2001:db8::/120"))).isEqualTo(IpAddress.of("2001:db8::ff"));
    assertThat(PrefixRanges.last(IpPrefix.parse("2001:db8::1/128"))).isEqualTo(IpAddress.of("2001:db8::1"));
  }

  @Test
  void disjointDropsNestedPrefixesAndSorts() {
    List<IpPrefix> in = List.of(p("203.0.113.0/25"), p("198.51.100.0/24"), p("203.0.113.0/24"),
        p("198.51.100.7/32"), p("2001:db8::/48"), p("2001:db8::/32"), p("192.0.2.0/24"), p("203.0.113.0/24"));
    assertThat(PrefixRanges.disjoint(in))
        .containsExactly(p("192.0.2.0/24"), p("198.51.100.0/24"), p("203.0.113.0/24"), p("2001:db8::/32"));
  }

  @Test
  void overlapAndHoldAgreeWithIpPrefixContains() {
    List<IpPrefix> all = List.of(p("0.0.0.0/0"), p("192.0.2.0/24"), p("192.0.2.128/25"), p("192.0.2.1/32"),
        p("198.51.100.0/24"), p("::/0"), p("2001:db8::/32"), p("2001:db8::/64"), p("2001:db8:0:0:8000::/65"),
        p("2001:db8::1/128"), p("2001:db9::/32"));
    for (IpPrefix a : all) {
      for (IpPrefix b : all) {
        boolean expected = a.contains(b.network()) || b.contains(a.network());
        assertThat(PrefixRanges.overlaps(a, b)).as(a + " overlaps " + b).isEqualTo(expected);
        assertThat(PrefixRanges.holds(a, b.network())).as(a + " holds " + b.network()).isEqualTo(a.contains(b.network()));
      }
    }
  }

  private static IpPrefix p(String s) {
    return IpPrefix.parse(s);
  }
}
