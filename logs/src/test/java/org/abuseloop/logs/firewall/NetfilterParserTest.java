package org.abuseloop.logs.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.logs.TestLogs;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetfilterParserTest {

  private static final String HEAD = "Mar  3 10:00:00 fw1 kernel: ";
  private static final String TCP_BODY = "IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.7"
      + " DST=198.51.100.20 LEN=44 TOS=0x00 PREC=0x00 TTL=241 ID=54321 PROTO=TCP SPT=43122 DPT=1080"
      + " WINDOW=1024 RES=0x00 SYN URGP=0 ";

  @Test
  void iptablesLogLineIsADenyWithPortsAndTarget() throws IOException {
    Event e = one(HEAD + "[123456.789012] IPTABLES-DROP: " + TCP_BODY);

    assertThat(e.family()).isEqualTo(NetfilterParser.DENY);
    assertThat(e.kind()).isEqualTo(EventKind.CONNECTION_DENIED);
    assertThat(e.service()).isEqualTo(Service.FIREWALL);
    assertThat(e.source()).isEqualTo(IpAddress.of("203.0.113.7"));
    assertThat(e.sourcePort()).isEqualTo(43122);
    assertThat(e.target()).isEqualTo(IpAddress.of("198.51.100.20"));
    assertThat(e.targetPort()).isEqualTo(1080);
    assertThat(e.protocol()).isEqualTo(Protocol.TCP);
    assertThat(e.user()).isNull();
  }

  @Test
  void nftablesPrefixWithoutSpaceAndPaddedKernelTimestamp() throws IOException {
    Event e = one(HEAD + "[    7.001000] nft-input-dropIN=ens3 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00"
        + " SRC=192.0.2.44 DST=198.51.100.3 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=0 DF PROTO=UDP SPT=5066 DPT=5060 LEN=40 ");

    assertThat(e.family()).isEqualTo(NetfilterParser.DENY);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.44"));
    assertThat(e.protocol()).isEqualTo(Protocol.UDP);
    assertThat(e.sourcePort()).isEqualTo(5066);
    assertThat(e.targetPort()).isEqualTo(5060);
  }

  @Test
  void nftablesLineWithoutKernelTimestampAsJournaldWritesIt() throws IOException {
    Event e = one("2025-03-03T10:00:00.123456+01:00 fw1 kernel: nft drop in: " + TCP_BODY);

    assertThat(e.source()).isEqualTo(IpAddress.of("203.0.113.7"));
    assertThat(e.time()).isEqualTo(Instant.parse("2025-03-03T09:00:00.123456Z"));
  }

  @Test
  void ufwBlockAndLimitHaveTheirOwnFamilies() throws IOException {
    assertThat(one(HEAD + "[UFW BLOCK] " + TCP_BODY).family()).isEqualTo(NetfilterParser.UFW_BLOCK);
    Event limit = one(HEAD + "[ 99.000001] [UFW LIMIT BLOCK] " + TCP_BODY);
    assertThat(limit.family()).isEqualTo(NetfilterParser.UFW_LIMIT);
    assertThat(limit.kind()).isEqualTo(EventKind.RATE_LIMITED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[UFW ALLOW] ", "[UFW AUDIT] ", "[UFW AUDIT INVALID] ", "ACCEPT-SSH: ", "nft accepted: ",
      "allow-dns ", "audit-in: "})
  void prefixesThatAcceptOrAuditAreNotDenials(String prefix) throws IOException {
    assertThat(parse(HEAD + prefix + TCP_BODY)).isEmpty();
  }

  @Test
  void emptyInIsAPacketThisHostSentAndNotAnEvent() throws IOException {
    assertThat(parse(HEAD + "[UFW BLOCK] IN= OUT=eth0 SRC=198.51.100.20 DST=203.0.113.7 LEN=60 TOS=0x00 PREC=0x00"
        + " TTL=64 ID=1 DF PROTO=TCP SPT=40000 DPT=25 WINDOW=64240 RES=0x00 SYN URGP=0 ")).isEmpty();
  }

  @Test
  void forwardedPacketCounts() throws IOException {
    Event e = one(HEAD + "FWD-DROP IN=eth0 OUT=eth1 MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=203.0.113.8"
        + " DST=198.51.100.77 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=9 PROTO=TCP SPT=1 DPT=3389 WINDOW=0 RES=0x00 SYN URGP=0 ");

    assertThat(e.source()).isEqualTo(IpAddress.of("203.0.113.8"));
    assertThat(e.targetPort()).isEqualTo(3389);
  }

  @Test
  void ipv6AsTheKernelWritesItWithAllGroupsAndLeadingZeros() throws IOException {
    Event e = one(HEAD + "[UFW BLOCK] IN=eth0 OUT= MAC=33:33:00:00:00:01:52:54:00:65:43:21:86:dd"
        + " SRC=2001:0db8:0bad:0000:0000:0000:0000:0009 DST=2001:0db8:0001:0000:0000:0000:0000:0020 LEN=80 TC=0"
        + " HOPLIMIT=57 FLOWLBL=0 PROTO=TCP SPT=51000 DPT=22 WINDOW=64800 RES=0x00 SYN URGP=0 ");

    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8:bad::9"));
    assertThat(e.target()).isEqualTo(IpAddress.of("2001:db8:1::20"));
    assertThat(e.targetPort()).isEqualTo(22);
  }

  @Test
  void ipv6InCompressedFormToo() throws IOException {
    Event e = one(HEAD + "IN=eth0 OUT= SRC=2001:db8::1 DST=2001:db8:1::20 LEN=80 TC=0 HOPLIMIT=57 FLOWLBL=0"
        + " PROTO=UDP SPT=5060 DPT=5060 LEN=40 ");

    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8::1"));
    assertThat(e.protocol()).isEqualTo(Protocol.UDP);
  }

  @Test
  void icmpHasNoPortsAndTheQuotedPacketOfAnIcmpErrorIsIgnored() throws IOException {
    Event ping = one(HEAD + "DROP IN=eth0 OUT= SRC=192.0.2.9 DST=198.51.100.20 LEN=84 TOS=0x00 PREC=0x00 TTL=55"
        + " ID=1 DF PROTO=ICMP TYPE=8 CODE=0 ID=7 SEQ=1 ");
    assertThat(ping.protocol()).isEqualTo(Protocol.ICMP);
    assertThat(ping.sourcePort()).isZero();
    assertThat(ping.targetPort()).isZero();

    Event unreachable = one(HEAD + "DROP IN=eth0 OUT= SRC=192.0.2.9 DST=198.51.100.20 LEN=72 TOS=0x00 PREC=0xC0"
        + " TTL=55 ID=2 PROTO=ICMP TYPE=3 CODE=3 [SRC=203.0.113.9 DST=192.0.2.9 LEN=44 TOS=0x00 PREC=0x00 TTL=51"
        + " ID=3 PROTO=UDP SPT=53 DPT=4444 LEN=24 ] ");
    assertThat(unreachable.source()).isEqualTo(IpAddress.of("192.0.2.9"));
    assertThat(unreachable.protocol()).isEqualTo(Protocol.ICMP);
    assertThat(unreachable.targetPort()).isZero();
  }

  @Test
  void icmpv6() throws IOException {
    Event e = one(HEAD + "DROP6 IN=eth0 OUT= SRC=2001:0db8:0bad:0000:0000:0000:0000:0001"
        + " DST=2001:0db8:0001:0000:0000:0000:0000:0001 LEN=104 TC=0 HOPLIMIT=60 FLOWLBL=1 PROTO=ICMPv6 TYPE=128 CODE=0"
        + " ID=1 SEQ=2 ");

    assertThat(e.protocol()).isEqualTo(Protocol.ICMPV6);
    assertThat(e.sourcePort()).isZero();
  }

  @Test
  void aFragmentWithoutPortsIsStillADeny() throws IOException {
    Event e = one(HEAD + "DROP IN=eth0 OUT= SRC=192.0.2.9 DST=198.51.100.20 LEN=1500 TOS=0x00 PREC=0x00 TTL=55"
        + " ID=4 MF FRAG:185 PROTO=UDP ");

    assertThat(e.protocol()).isEqualTo(Protocol.UDP);
    assertThat(e.sourcePort()).isZero();
  }

  @Test
  void prefixTextNeverMovesTheSource() throws IOException {
    Event e = one(HEAD + "x SRC=192.0.2.1 DST=192.0.2.2 " + TCP_BODY);

    assertThat(e.source()).isEqualTo(IpAddress.of("203.0.113.7"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx[77]: ", "sshd[12]: ", "myapp: "})
  void otherProgramsPrintingANetfilterBodyAreIgnored(String program) throws IOException {
    assertThat(parse("Mar  3 10:00:00 fw1 " + program + "GET /?q= " + TCP_BODY)).isEmpty();
    assertThat(parse("Mar  3 10:00:00 fw1 " + program + TCP_BODY)).isEmpty();
  }

  @Test
  void aLineCutAnywhereGivesTheTrueSourceOrNothing() throws IOException {
    String full = HEAD + "[UFW BLOCK] " + TCP_BODY;
    int protoEnd = full.indexOf("PROTO=TCP ") + "PROTO=TCP".length();
    int portsEnd = full.indexOf("DPT=1080 ") + "DPT=1080".length();
    for (int cut = 0; cut < full.length(); cut++) {
      String line = full.substring(0, cut);
      List<Event> events = parse(line);
      if (cut <= protoEnd || cut > protoEnd + 1 && cut <= portsEnd) {
        assertThat(events).as("cut at %d: %s", cut, line).isEmpty();
      } else {
        // Right after "PROTO=TCP " the line reads like a fragment's: a deny without ports.
        int port = cut == protoEnd + 1 ? 0 : 1080;
        assertThat(events).as("cut at %d: %s", cut, line).singleElement()
            .satisfies(e -> assertThat(e.source()).isEqualTo(IpAddress.of("203.0.113.7")))
            .satisfies(e -> assertThat(e.targetPort()).isEqualTo(port));
      }
    }
  }

  @Test
  void cutInsideTheSpt() throws IOException {
    assertThat(parse(HEAD + "DROP IN=eth0 OUT= SRC=192.0.2.9 DST=198.51.100.20 LEN=40 PROTO=TCP SP")).isEmpty();
  }

  @Test
  void hostileBytesDoNotBreakTheParser() throws IOException {
    byte[] nul = (HEAD + "DROP IN=eth0 OUT= SRC=192.0.2.9\0 DST=198.51.100.20 PROTO=TCP SPT=1 DPT=2 ").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(parseBytes(nul)).isEmpty();

    byte[] utf = (HEAD + "\u00ff\u00fe IN=eth0 OUT= SRC=192.0.2.9 DST=198.51.100.20 PROTO=TCP SPT=1 DPT=2 \u00c3").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(parseBytes(utf)).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.9")));

    assertThat(parse(HEAD + "[UFW BLOCK] " + TCP_BODY + "\r")).singleElement()
        .satisfies(e -> assertThat(e.source()).isEqualTo(IpAddress.of("203.0.113.7")));

    // 1 MiB: the line reader skips it as over-long; a 60 KiB one reaches the parser, OUT= too far in.
    String huge = HEAD + "DROP IN=eth0 OUT= " + "A=B ".repeat(256 * 1024) + "SRC=192.0.2.9 DST=198.51.100.20 PROTO=TCP ";
    assertThatCode(() -> parse(huge)).doesNotThrowAnyException();
    assertThat(parse(huge)).isEmpty();
    String longPrefix = HEAD + "x".repeat(60 * 1024) + " " + TCP_BODY;
    assertThat(parse(longPrefix)).isEmpty();
    String longTail = HEAD + "DROP " + TCP_BODY + "A=B ".repeat(15 * 1024);
    assertThat(parse(longTail)).singleElement().satisfies(e -> assertThat(e.targetPort()).isEqualTo(1080));
  }

  @Test
  void aBadAddressIsNotAnEvent() throws IOException {
    assertThat(parse(HEAD + "DROP IN=eth0 OUT= SRC=192.0.2.999 DST=198.51.100.20 LEN=40 PROTO=TCP SPT=1 DPT=2 ")).isEmpty();
    assertThat(parse(HEAD + "DROP IN=eth0 OUT= SRC= DST=198.51.100.20 LEN=40 PROTO=TCP SPT=1 DPT=2 ")).isEmpty();
  }

  @Test
  void declaresItsFamilies() {
    assertThat(new NetfilterParser().families())
        .containsExactly(NetfilterParser.DENY, NetfilterParser.UFW_BLOCK, NetfilterParser.UFW_LIMIT)
        .allSatisfy(f -> assertThat(f.service()).isEqualTo(Service.FIREWALL));
  }

  private static final Instant REFERENCE = Instant.parse("2025-06-01T00:00:00Z");

  static Event one(String line) {
    return TestLogs.one(REFERENCE, line);
  }

  static List<Event> parse(String line) {
    return TestLogs.events(REFERENCE, line);
  }

  static List<Event> parseBytes(byte[] line) {
    return TestLogs.events(REFERENCE, line);
  }
}
