package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

/** The cache of a source's addresses gives what parsing gives, and the same instance for a text seen again. */
class AddressCacheTest {

  @Property(tries = 300)
  void givesWhatParsingGives(@ForAll("texts") java.util.List<String> texts) {
    AddressCache cache = new AddressCache();
    for (String t : texts) {
      byte[] b = ("x " + t + " y").getBytes(StandardCharsets.ISO_8859_1);
      assertThat(cache.parse(b, 2, 2 + t.length())).as(t).isEqualTo(IpAddress.parse(b, 2, 2 + t.length()));
    }
  }

  @Provide
  Arbitrary<java.util.List<String>> texts() {
    Arbitrary<String> octet = Arbitraries.of("0", "1", "9", "10", "99", "192", "255", "256", "001", "0255", "");
    Arbitrary<String> quad = octet.list().ofMinSize(1).ofMaxSize(5).map(o -> String.join(".", o));
    Arbitrary<String> other = Arbitraries.of("2001:db8::7", "::ffff:198.51.100.9", "::", "fe80::1%eth0", "1.2.3.4 ", "a.b.c.d", "");
    return Arbitraries.oneOf(quad, other).list().ofMinSize(1).ofMaxSize(40);
  }

  @Test
  void handsOutTheSameInstanceForAnAddressSeenAgain() {
    AddressCache cache = new AddressCache();
    byte[] b = "SRC=203.0.113.7 DST=203.0.113.7 SRC=198.51.100.20".getBytes(StandardCharsets.US_ASCII);
    IpAddress first = cache.parse(b, 4, 15);
    assertThat(cache.parse(b, 20, 31)).isSameAs(first).isEqualTo(IpAddress.of("203.0.113.7"));
    assertThat(cache.ipv4(first.ipv4Bits())).isSameAs(first);
    assertThat(cache.parse(b, 36, b.length)).isEqualTo(IpAddress.of("198.51.100.20")).isNotSameAs(first);
  }

  @Test
  void addressesSharingASlotEachComeOutRight() {
    AddressCache cache = new AddressCache();
    for (int round = 0; round < 2; round++) {
      for (int bits = 0; bits < 100_000; bits += 7) {
        assertThat(cache.ipv4(bits).ipv4Bits()).isEqualTo(bits);
      }
    }
    assertThat(cache.ipv4(0)).isEqualTo(IpAddress.of("0.0.0.0"));
  }
}
