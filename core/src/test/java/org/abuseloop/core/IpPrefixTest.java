package org.abuseloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpPrefixTest {

  @Test
  void clearsHostBitsAndContainsItsAddresses() {
    IpPrefix p = IpPrefix.of(IpAddress.of("203.0.113.77"), 24);
    assertThat(p).hasToString("203.0.113.0/24");
    assertThat(p.contains(IpAddress.of("203.0.113.255"))).isTrue();
    assertThat(p.contains(IpAddress.of("203.0.114.0"))).isFalse();
    assertThat(p.contains(IpAddress.of("2001:db8::1"))).isFalse();
  }

  @Test
  void masksIpv6OnBothWords() {
    assertThat(IpPrefix.of(IpAddress.of("2001:db8:1:2:3:4:5:6"), 64)).hasToString("2001:db8:1:2::/64");
    assertThat(IpPrefix.of(IpAddress.of("2001:db8:1:2:3:4:5:6"), 96)).hasToString("2001:db8:1:2:3:4::/96");
    assertThat(IpPrefix.of(IpAddress.of("2001:db8:1:2:3:4:5:6"), 0)).hasToString("::/0");
  }

  @Test
  void parsesCidrTextAndRejectsNonsense() {
    assertThat(IpPrefix.parse("10.0.0.0/8")).isEqualTo(IpPrefix.of(IpAddress.of("10.1.2.3"), 8));
    assertThat(IpPrefix.parse("192.0.2.1")).hasToString("192.0.2.1/32");
    assertThat(IpPrefix.parse("::ffff:10.0.0.0/104")).hasToString("10.0.0.0/8");
    assertThat(IpPrefix.parse("10.0.0.0/33")).isNull();
    assertThat(IpPrefix.parse("10.0.0.0/")).isNull();
    assertThat(IpPrefix.parse("10.0.0.0/-1")).isNull();
    assertThat(IpPrefix.parse("nonsense/8")).isNull();
  }

  @Test
  void refusesALengthLongerThanTheAddress() {
    assertThatThrownBy(() -> IpPrefix.of(IpAddress.of("10.0.0.1"), 33)).isInstanceOf(IllegalArgumentException.class);
  }
}
