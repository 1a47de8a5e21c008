package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass quad reader gives what {@link IpAddress#parse(byte[], int, int)} gives, on any bytes. */
class DottedQuadTest {

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.9", "0.0.0.0", "255.255.255.255", "01.002.003.004", "256.1.1.1", "1.2.3", "1.2.3.4.5",
      "1..2.3", ".1.2.3", "1.2.3.", "1234.1.1.1", "1.2.3.4a", "2001:db8::1", "::ffff:192.0.2.1", "", "a.b.c.d", "1.2.3.0004"})
  void readsAsIpAddressParseDoes(String text) {
    byte[] b = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
    assertThat(DottedQuad.address(b, 1, b.length - 1)).isEqualTo(IpAddress.parse(b, 1, b.length - 1));
  }

  @Property(tries = 3000)
  void anyTextOfDigitsDotsAndColonsReadsAsIpAddressParseDoes(@ForAll("texts") String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    assertThat(DottedQuad.address(b, 0, b.length)).isEqualTo(IpAddress.parse(b, 0, b.length));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789.:af").ofMaxLength(18),
        Arbitraries.integers().between(0, 300).list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l.stream().map(String::valueOf).toList())));
  }
}
