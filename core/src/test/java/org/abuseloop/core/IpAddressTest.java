package org.abuseloop.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @Test
  void readsDottedQuadIntoTheLowWord() {
    IpAddress a = IpAddress.of("192.0.2.1");
    assertThat(a.isIPv4()).isTrue();
    assertThat(a.ipv4Bits()).isEqualTo(0xC0000201);
    assertThat(a).hasToString("192.0.2.1");
  }

  @Test
  void foldsIpv4MappedIpv6ToIpv4() {
    assertThat(IpAddress.of("::ffff:1.2.3.4")).isEqualTo(IpAddress.of("1.2.3.4"));
    assertThat(IpAddress.of("::ffff:0102:0304")).isEqualTo(IpAddress.of("1.2.3.4"));
    assertThat(IpAddress.of("::ffff:1.2.3.4").isIPv4()).isTrue();
  }

  @Test
  void dropsTheZoneOfALinkLocalAddress() {
    assertThat(IpAddress.of("2001:db8::a11:beef:7ac0%enp3s0")).isEqualTo(IpAddress.of("2001:db8::a11:beef:7ac0"));
  }

  @Test
  void readsLeadingZerosAsDecimalLikeSshdWritesThem() {
    assertThat(IpAddress.of("192.030.0.6")).isEqualTo(IpAddress.of("192.30.0.6"));
  }

  @Test
  void writesIpv6InRfc5952Form() {
    assertThat(IpAddress.of("2001:0DB8:0000:0000:0000:0000:0000:0001")).hasToString("2001:db8::1");
    assertThat(IpAddress.of("2001:db8:0:1:1:1:1:1")).hasToString("2001:db8:0:1:1:1:1:1");
    assertThat(IpAddress.of("2001:0:0:1:0:0:0:1")).hasToString("2001:0:0:1::1");
    assertThat(IpAddress.of("::")).hasToString("::");
    assertThat(IpAddress.of("::1")).hasToString("::1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.4 ", "a.b.c.d", ":::",
      "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "::g", "1.2.3.4:80", "2001:db8::1:", "-1.2.3.4", "1.2.3.04444"})
  void rejectsWhatIsNotExactlyOneAddress(String text) {
    assertThat(IpAddress.parse(text)).isNull();
  }

  @Test
  void classifiesLoopbackAndPrivateRanges() {
    assertThat(IpAddress.of("127.0.0.1").isLoopback()).isTrue();
    assertThat(IpAddress.of("::1").isLoopback()).isTrue();
    assertThat(IpAddress.of("10.1.2.3").isPrivate()).isTrue();
    assertThat(IpAddress.of("172.16.0.1").isPrivate()).isTrue();
    assertThat(IpAddress.of("172.32.0.1").isPrivate()).isFalse();
    assertThat(IpAddress.of("192.168.1.1").isPrivate()).isTrue();
    assertThat(IpAddress.of("100.64.0.1").isPrivate()).isTrue();
    assertThat(IpAddress.of("fd00::1").isPrivate()).isTrue();
    assertThat(IpAddress.of("fe80::1").isPrivate()).isTrue();
    assertThat(IpAddress.of("203.0.113.7").isPrivate()).isFalse();
    assertThat(IpAddress.of("2001:db8::1").isPrivate()).isFalse();
  }

  @Property
  void ipv4AgreesWithTheJdk(@ForAll int bits) throws UnknownHostException {
    IpAddress a = IpAddress.ofIPv4(bits);
    byte[] raw = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    assertThat(a.toString()).isEqualTo(InetAddress.getByAddress(raw).getHostAddress());
    assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
  }

  @Property
  void ipv6RoundTripsAndAgreesWithTheJdk(@ForAll long high, @ForAll long low) throws UnknownHostException {
    IpAddress a = IpAddress.ofIPv6(high, low);
    assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
    byte[] raw = new byte[16];
    for (int i = 0; i < 8; i++) {
      raw[i] = (byte) (high >>> (56 - 8 * i));
      raw[i + 8] = (byte) (low >>> (56 - 8 * i));
    }
    InetAddress jdk = InetAddress.getByAddress(raw);
    assertThat(IpAddress.parse(jdk.getHostAddress())).isEqualTo(a);
  }

  @Test
  void ordersIpv4BeforeIpv6AndNumerically() {
    assertThat(IpAddress.of("9.0.0.1")).isLessThan(IpAddress.of("10.0.0.1"));
    assertThat(IpAddress.of("255.255.255.255")).isLessThan(IpAddress.of("::1"));
    assertThat(IpAddress.of("8000::")).isGreaterThan(IpAddress.of("7fff::"));
  }
}
