package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;

class AllowListTest {

  private final AllowList allow = AllowList.builder()
      .allow(List.of(IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("2001:db8:aa::/48")))
      .own(List.of(IpAddress.of("203.0.113.7"), IpAddress.of("2001:db8:1::7")))
      .build();

  @Test
  void refusesAllowListedAddressesAndPrefixesTouchingThem() {
    assertThat(allow.refusal(host("198.51.100.9"))).hasValueSatisfying(r -> assertThat(r).contains("allow-listed 198.51.100.0/24"));
    assertThat(allow.refusal(IpPrefix.parse("198.51.0.0/16"))).isPresent();
    assertThat(allow.refusal(host("2001:db8:aa:1::5"))).isPresent();
  }

  @Test
  void refusesOwnAddressesAndTheNetworksHoldingThem() {
    assertThat(allow.refusal(host("203.0.113.7"))).hasValueSatisfying(r -> assertThat(r).contains("own address"));
    assertThat(allow.refusal(IpPrefix.parse("203.0.113.0/24"))).isPresent();
    assertThat(allow.refusal(IpPrefix.parse("2001:db8:1::/64"))).isPresent();
  }

  @Test
  void refusesLoopbackAndPrivateUnlessPrivateIsMadeBannable() {
    assertThat(allow.refusal(host("127.0.0.1"))).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
    assertThat(allow.refusal(host("::1"))).isPresent();
    assertThat(allow.refusal(host("10.1.2.3"))).hasValueSatisfying(r -> assertThat(r).contains("private"));
    assertThat(allow.refusal(host("fd00::1"))).isPresent();
    assertThat(allow.refusal(host("::ffff:192.168.1.1"))).isPresent();
    AllowList lan = AllowList.builder().privateBannable(true).build();
    assertThat(lan.refusal(host("10.1.2.3"))).isEmpty();
    assertThat(lan.refusal(host("127.0.0.1"))).isPresent();
  }

  @Test
  void refusesPrefixesWiderThanTheSafetyLimit() {
    assertThat(allow.refusal(IpPrefix.parse("192.0.0.0/8"))).hasValueSatisfying(r -> assertThat(r).contains("/16"));
    assertThat(allow.refusal(IpPrefix.parse("2001:db8::/29"))).isPresent();
    assertThat(allow.refusal(IpPrefix.parse("192.0.2.0/24"))).isEmpty();
    assertThatThrownBy(() -> AllowList.builder().widest(33, 64)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void letsOrdinaryPublicSourcesBeBanned() {
    assertThat(allow.refusal(host("192.0.2.1"))).isEmpty();
    assertThat(allow.refusal(host("2001:db8:2::1"))).isEmpty();
    assertThat(allow.refusal(IpPrefix.parse("2001:db8:2::/64"))).isEmpty();
  }

  @Test
  void acceptedPrefixesAreDisjointAndHoldEverythingAllowed() {
    List<IpPrefix> accepted = AllowList.builder().allow(IpPrefix.parse("10.1.0.0/16"))
        .own(List.of(IpAddress.of("192.0.2.5"))).build().accepted();
    assertThat(accepted).contains(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("192.0.2.5/32"), IpPrefix.parse("127.0.0.0/8"))
        .doesNotContain(IpPrefix.parse("10.1.0.0/16"));
    for (IpPrefix a : accepted) {
      for (IpPrefix b : accepted) {
        assertThat(a == b || !AllowList.overlaps(a, b)).as(a + " vs " + b).isTrue();
      }
    }
  }

  @Test
  void readsThisHostsAddressesIncludingLoopback() {
    assertThat(AllowList.hostAddresses()).contains(IpAddress.of("127.0.0.1"));
  }

  private static IpPrefix host(String a) {
    IpAddress ip = IpAddress.of(a);
    return IpPrefix.of(ip, ip.bitLength());
  }
}
