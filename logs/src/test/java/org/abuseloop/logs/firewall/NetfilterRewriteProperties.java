package org.abuseloop.logs.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.abuseloop.core.Event;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.ServiceParser;

/**
 * The one-pass netfilter parser finds exactly what the parser before it found ({@link
 * NetfilterParserBefore}), line for line, on lines built from the kernel's fields, operators'
 * prefixes, misplaced and repeated keys, addresses that are not addresses, and cuts anywhere.
 */
class NetfilterRewriteProperties {

  private static final Instant REFERENCE = Instant.parse("2024-03-10T12:00:00Z");

  private static final List<String> PIECES = List.of(
      "[123456.789012] ", "[    7.001000] ", "IPTABLES-DROP: ", "nft-drop", "[UFW BLOCK] ", "[UFW LIMIT BLOCK] ",
      "[UFW ALLOW] ", "[UFW AUDIT] ", "[UFW ", "accept ", "Allowed ", "audit-in ", "aUdIt", "A", "a", "[",
      "IN=eth0 ", "IN= ", "IN=", "PHYSIN=eth1 ", "OUT= ", "OUT=eth1 ", "OUT=", " OUT=",
      "MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 ", "MAC= ",
      "SRC=203.0.113.7 ", "SRC=2001:db8::7 ", "SRC=::ffff:198.51.100.9 ", "SRC=999.1.1.1 ", "SRC=1.2.3 ",
      "SRC=01.002.3.4 ", "SRC= ", "SRC=", "DST=198.51.100.20 ", "DST=2001:db8::20 ", "DST= ", "DST=1.2.3.4.5 ",
      "LEN=44 ", "TOS=0x00 ", "TTL=52 ", "ID=0 ", "DF ", "PROTO=TCP ", "PROTO=UDP ", "PROTO=ICMP ",
      "PROTO=udplite ", "PROTO=SCTP ", "PROTO=tcp ", "PROTO=47 ", "PROTO=", "SPT=43122 ", "DPT=1080 ",
      "SPT=0 ", "DPT=99999 ", "SPT=1234567890 ", "SPT=", "DPT=", " SP", " S", "[SRC=192.0.2.1 DST=192.0.2.2 ",
      "WINDOW=1024 ", "RES=0x00 SYN URGP=0 ", "TYPE=3 CODE=1 ", " ", "  ", "=", "\t", "\u00e9", "\0");

  private static final List<String> USUAL = List.of(
      "[123456.789012] IPTABLES-DROP: IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.7 "
          + "DST=198.51.100.20 LEN=44 TOS=0x00 PREC=0x00 TTL=241 ID=54321 PROTO=TCP SPT=43122 DPT=1080 WINDOW=1024 ",
      "[812345.006768] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=2001:db8::7 "
          + "DST=2001:db8::1 LEN=60 TC=0 HOPLIMIT=52 FLOWLBL=0 PROTO=UDP SPT=5066 DPT=5060 LEN=40 ",
      "[    7.001000] nft-input-dropIN=ens3 OUT= SRC=192.0.2.44 DST=198.51.100.3 LEN=60 PROTO=ICMP TYPE=8 CODE=0 ");

  @Property(tries = 400)
  void builtLinesGiveWhatTheParserBeforeGave(@ForAll("lines") List<String> lines) throws IOException {
    List<Event> before = events(new NetfilterParserBefore(), lines);
    Statistics.label("lines with an event").collect(!before.isEmpty());
    assertThat(events(new NetfilterParser(), lines)).isEqualTo(before);
  }

  @Property(tries = 400)
  void usualLinesCutOrChangedAnywhereGiveWhatTheParserBeforeGave(@ForAll("changed") List<String> lines) throws IOException {
    List<Event> before = events(new NetfilterParserBefore(), lines);
    Statistics.label("lines with an event").collect(!before.isEmpty());
    assertThat(events(new NetfilterParser(), lines)).isEqualTo(before);
  }

  /** The kernel's fields in its order, each slot with its usual values, variants and misplaced pieces. */
  private static final List<List<String>> SLOTS = List.of(
      List.of("[123456.789012] ", "[    7.001000] ", ""),
      List.of("IPTABLES-DROP: ", "[UFW BLOCK] ", "[UFW LIMIT BLOCK] ", "[UFW ALLOW] ", "nft-drop", "ACCEPT-in ", "", "[UFW "),
      List.of("IN=eth0 ", "IN= ", "PHYSIN=eth1 IN=br0 ", "IN=e th0 "),
      List.of("OUT= ", "OUT=eth1 ", " OUT= ", "OUT="),
      List.of("MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 ", "", "MAC= "),
      List.of("SRC=203.0.113.7 ", "SRC=2001:db8::7 ", "SRC=::ffff:198.51.100.9 ", "SRC=999.1.1.1 ", "SRC=01.002.3.4 ", "SRC= "),
      List.of("DST=198.51.100.20 ", "DST=2001:db8::20 ", "DST= ", "DST=1.2.3.4.5 ", "DST=198.51.100.20"),
      List.of("LEN=44 TOS=0x00 PREC=0x00 TTL=241 ID=54321 ", "LEN=60 TC=0 HOPLIMIT=52 FLOWLBL=0 ", "DF "),
      List.of("PROTO=TCP ", "PROTO=UDP ", "PROTO=ICMP ", "PROTO=udplite ", "PROTO=47 ", "PROTO=TCP"),
      List.of("SPT=43122 ", "SPT=0 ", "SPT=1234567890 ", "SPT=", ""),
      List.of("DPT=1080 ", "DPT=99999 ", "DPT=22", ""),
      List.of("WINDOW=1024 RES=0x00 SYN URGP=0 ", "[SRC=192.0.2.1 DST=192.0.2.2 LEN=20 PROTO=TCP SPT=1 DPT=2 ] ", ""));

  @Provide
  Arbitrary<List<String>> lines() {
    List<Arbitrary<String>> slots = new ArrayList<>();
    for (List<String> slot : SLOTS) {
      slots.add(Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(6, Arbitraries.of(slot)),
          net.jqwik.api.Tuple.of(1, Arbitraries.of(PIECES)),
          net.jqwik.api.Tuple.of(1, Arbitraries.of(PIECES).list().ofMaxSize(3).map(p -> String.join("", p)))));
    }
    Arbitrary<String> body = net.jqwik.api.Combinators.combine(slots).as(parts -> String.join("", parts));
    Arbitrary<String> program = Arbitraries.of("kernel:", "kernel:", "ulogd[12]:", "kernel", "sshd[1]:");
    Arbitrary<Integer> cut = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(10_000)), net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 300)));
    return net.jqwik.api.Combinators.combine(program, body, cut)
        .as((p, b, c) -> "Mar  3 10:00:00 fw1 " + p + " " + b.substring(0, Math.min(b.length(), c)))
        .list().ofMinSize(1).ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<String>> changed() {
    Arbitrary<String> one = net.jqwik.api.Combinators.combine(Arbitraries.of(USUAL), Arbitraries.integers().between(0, 200),
            Arbitraries.of(PIECES), Arbitraries.integers().between(0, 250), Arbitraries.of(true, false))
        .as((line, at, piece, cut, insert) -> {
          int i = Math.min(at, line.length());
          String edited = insert ? line.substring(0, i) + piece + line.substring(i) : line.substring(0, i) + line.substring(Math.min(line.length(), i + piece.length()));
          return "Mar  3 10:00:00 fw1 kernel: " + edited.substring(0, Math.min(edited.length(), cut + 20));
        });
    return one.list().ofMinSize(1).ofMaxSize(30);
  }

  private static List<Event> events(ServiceParser parser, List<String> lines) throws IOException {
    List<Event> out = new ArrayList<>();
    byte[] file = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    new LogParser(new ParserCatalog(List.of(parser)), ZoneOffset.UTC, null)
        .parse("test", new ByteArrayInputStream(file), REFERENCE, out::add);
    return out;
  }
}
