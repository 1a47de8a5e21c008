package org.abuseloop.logs.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.abuseloop.core.IpAddress;

/**
 * The one-pass readers of the packet fields agree with the two-pass ones they stand for: a dotted
 * quad read while finding its end, a port read while finding its digits, and a prefix's family
 * remembered by its bytes.
 */
class PacketReadersTest {

  @Property(tries = 1000)
  void aQuadReadInOnePassIsWhatTheEndAndTheParseGive(@ForAll("fields") String text, @ForAll("cuts") int cut) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    int end = Math.min(cut, b.length);
    long quad = PacketFields.quad(b, 0, end);
    if (quad >= 0) {
      int to = (int) (quad >>> 32);
      assertThat(to).isEqualTo(PacketFields.addressEnd(b, 0, end));
      assertThat(IpAddress.parse(b, 0, to)).isEqualTo(IpAddress.ofIPv4((int) quad));
    } else {
      IpAddress parsed = IpAddress.parse(b, 0, PacketFields.addressEnd(b, 0, end));
      assertThat(parsed == null || !parsed.isIPv4() || text.substring(0, PacketFields.addressEnd(b, 0, end)).contains(":")).isTrue();
    }
  }

  @Property(tries = 1000)
  void aPortReadInOnePassIsWhatTheDigitsAndThePortGive(@ForAll("ports") String text, @ForAll("cuts") int cut) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    int end = Math.min(cut, b.length);
    long run = PacketFields.portRun(b, 0, end);
    int to = PacketFields.digitsEnd(b, 0, end);
    assertThat((int) (run >>> 32)).isEqualTo(to);
    assertThat((int) run).isEqualTo(PacketFields.port(b, 0, to));
  }

  @Property(tries = 300)
  void aRememberedPrefixHasTheFamilyReadingItGives(@ForAll("prefixes") java.util.List<String> prefixes) {
    PrefixMemo memo = new PrefixMemo();
    for (String p : prefixes) {
      byte[] b = ("[1.5]" + p + "IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00").getBytes(StandardCharsets.UTF_8);
      int to = 5 + p.getBytes(StandardCharsets.UTF_8).length;
      assertThat(memo.familyOf(b, 5, to)).as(p).isEqualTo(NetfilterPrefix.familyOf(b, 5, to));
    }
  }

  @Provide
  Arbitrary<String> fields() {
    Arbitrary<String> piece = Arbitraries.of("0", "1", "25", "255", "256", "999", "1000", "01", ".", "..", ":", "a", "f", "g",
        " ", "x", "::", "%");
    Arbitrary<String> tail = Arbitraries.of("", " DST=198.51.100.20 LEN=44 TOS=0x00", "0123456789abcdef:.", "                ");
    return net.jqwik.api.Combinators.combine(piece.list().ofMaxSize(12).map(p -> String.join("", p)), tail).as(String::concat);
  }

  @Provide
  Arbitrary<String> ports() {
    return Arbitraries.strings().withChars("0123456789 x").ofMaxLength(14);
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(1000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 20)));
  }

  @Provide
  Arbitrary<java.util.List<String>> prefixes() {
    Arbitrary<String> one = Arbitraries.of(" [UFW BLOCK] ", " [UFW LIMIT BLOCK] ", " [UFW ALLOW] ", " IPTABLES-DROP: ",
        " nft-drop-in: ", " ACCEPT-in ", " ", "", " [UFW ", " audit ", " a very long prefix of the operator's own: ",
        " drop\u00e9 ", " Allowed: ");
    return one.list().ofMinSize(1).ofMaxSize(30);
  }
}
