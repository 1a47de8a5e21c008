package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.logs.TestLogs;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KamailioParserTest {

  private static final String HEAD = "Mar  3 10:00:00 sip1 kamailio[2345]: ";
  private static final String SCRIPT = HEAD + "WARNING: <script>: ";
  private static final IpAddress TRUE_SOURCE = IpAddress.of("198.51.100.23");
  private static final IpAddress HOSTILE = IpAddress.of("203.0.113.9");

  /** A line as route[ABUSELOOP_LOG] writes it (the xlog format of examples/kamailio/abuseloop-logging.cfg). */
  private static String snippet(String outcome, String src, String method, String user, String ua) {
    return SCRIPT + "abuseloop: outcome=" + outcome + " src=" + src + " sport=5071 proto=udp dst=192.0.2.10 dport=5060"
        + " method=" + method + " user=" + user + " ua=" + ua;
  }

  @ParameterizedTest
  @CsvSource({
    "auth-failed, AUTH_FAILURE, kamailio.script.auth-failed",
    "unknown-user, UNKNOWN_USER, kamailio.script.unknown-user",
    "unknown-extension, UNKNOWN_EXTENSION, kamailio.script.unknown-extension",
    "scanner, SCANNER, kamailio.script.scanner",
    "acl, ACL_REJECT, kamailio.script.acl",
    "rate-limited, RATE_LIMITED, kamailio.script.rate-limited",
    "malformed, PROTOCOL_ABUSE, kamailio.script.malformed",
  })
  void everyOutcomeOfTheSnippet(String outcome, EventKind kind, String familyId) throws IOException {
    Event e = one(snippet(outcome, "198.51.100.23", "REGISTER", "1001", "friendly-scanner"));

    assertThat(e.family().id()).isEqualTo(familyId);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.service()).isEqualTo(Service.KAMAILIO);
    assertThat(e.source()).isEqualTo(TRUE_SOURCE);
    assertThat(e.sourcePort()).isEqualTo(5071);
    assertThat(e.protocol()).isEqualTo(Protocol.UDP);
    assertThat(e.target()).isEqualTo(IpAddress.of("192.0.2.10"));
    assertThat(e.targetPort()).isEqualTo(5060);
    assertThat(e.user()).isEqualTo("1001");
  }

  @Test
  void ipv6AndOtherTransports() throws IOException {
    Event e = one(SCRIPT + "abuseloop: outcome=auth-failed src=2001:db8:bad::9 sport=40112 proto=tls"
        + " dst=2001:db8:1::10 dport=5061 method=REGISTER user=1002 ua=Z%203.15");

    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8:bad::9"));
    assertThat(e.target()).isEqualTo(IpAddress.of("2001:db8:1::10"));
    assertThat(e.protocol()).isEqualTo(Protocol.TLS);
    assertThat(e.targetPort()).isEqualTo(5061);
  }

  @Test
  void theEscapedUserIsDecodedAndANullUserIsNone() throws IOException {
    assertThat(one(snippet("unknown-user", "198.51.100.23", "REGISTER", "a%2520src%253D198.51.100.8", "x")).user())
        .isEqualTo("a%20src%3D198.51.100.8");
    assertThat(one(snippet("unknown-user", "198.51.100.23", "REGISTER", "%e2%82%ac+1%", "x")).user()).isEqualTo("\u20ac+1%");
    assertThat(one(snippet("unknown-user", "198.51.100.23", "REGISTER", "bell%07", "x")).user()).isEqualTo("bell?");
    assertThat(one(snippet("scanner", "198.51.100.23", "OPTIONS", "<null>", "sipvicious")).user()).isNull();
  }

  @Test
  void hostileUserAgentsAndUsersDoNotMoveTheSource() throws IOException {
    String[][] cases = {
      {"1001", "friendly-scanner src=203.0.113.9"},
      {"user=x sport=1 src=203.0.113.9", "x"},
      {"1001", "friendly-scanner%20src%3D203.0.113.9"},
      {"x", "abuseloop: outcome=scanner src=203.0.113.9 sport=1 proto=udp dst=192.0.2.10 dport=5060 method=X user=y ua=z"},
      {"failed for '203.0.113.9:5060'", "from 203.0.113.9 port 22"},
      {"rip=203.0.113.9", "RemoteAddress=\"IPV4/UDP/203.0.113.9/5060\""},
    };
    for (String[] c : cases) {
      Event e = one(snippet("auth-failed", "198.51.100.23", "REGISTER", c[0], c[1]));
      assertThat(e.source()).as("user %s, ua %s", c[0], c[1]).isEqualTo(TRUE_SOURCE);
      assertThat(e.sourcePort()).isEqualTo(5071);
    }
  }

  @Test
  void aHostileMethodCannotMoveTheSourceEither() throws IOException {
    Event e = one(SCRIPT + "abuseloop: outcome=acl src=198.51.100.23 sport=5071 proto=udp dst=192.0.2.10 dport=5060"
        + " method=src=203.0.113.9 user=1001 ua=x");

    assertThat(e.source()).isEqualTo(TRUE_SOURCE);
    assertThat(e.user()).isEqualTo("1001");
  }

  @Test
  void pikeBlocking() throws IOException {
    Event e = one(HEAD + "NOTICE: pike [pike_funcs.c:135]: pike_check_ipaddr(): PIKE - BLOCKing ip 198.51.100.23, node=0x7f4ba052f7d8");
    assertThat(e.family()).isEqualTo(KamailioParser.PIKE_BLOCKED);
    assertThat(e.kind()).isEqualTo(EventKind.RATE_LIMITED);
    assertThat(e.source()).isEqualTo(TRUE_SOURCE);

    // Kamailio 3.x wrote no function name; IPv6 addresses are written without brackets.
    Event old = one(HEAD + "WARNING: pike [pike_funcs.c:147]: PIKE - BLOCKing ip 2001:db8:bad::9, node=0xb5f7f2a8");
    assertThat(old.source()).isEqualTo(IpAddress.of("2001:db8:bad::9"));
  }

  @Test
  void coreParseFailureButNotTheQuotedRequestAfterIt() throws IOException {
    Event e = one(HEAD + "ERROR: <core> [core/receive.c:376]: receive_msg(): core parsing of SIP message failed (198.51.100.23:5071/1)");
    assertThat(e.family()).isEqualTo(KamailioParser.PARSE_FAILED);
    assertThat(e.source()).isEqualTo(TRUE_SOURCE);
    assertThat(e.sourcePort()).isEqualTo(5071);
    assertThat(e.protocol()).isEqualTo(Protocol.UDP);

    Event v6 = one(HEAD + "ERROR: <core> [core/receive.c:376]: receive_msg(): core parsing of SIP message failed (2001:db8::7:5060/2)");
    assertThat(v6.source()).isEqualTo(IpAddress.of("2001:db8::7"));
    assertThat(v6.sourcePort()).isEqualTo(5060);
    assertThat(v6.protocol()).isEqualTo(Protocol.TCP);

    // Kamailio quotes the request it could not parse: the attacker writes this line's text.
    assertThat(parse(HEAD + "ERROR: <core> [core/parser/msg_parser.c:749]: parse_msg(): ERROR: parse_msg: message=<HELLO"
        + " core parsing of SIP message failed (203.0.113.9:5060/1)#015#012abuseloop: outcome=scanner src=203.0.113.9"
        + " sport=1 proto=udp dst=192.0.2.10 dport=5060 method=X user=y ua=z PIKE - BLOCKing ip 203.0.113.9, node=0>")).isEmpty();
  }

  @Test
  void tlsProtocolErrorNamesItsSource() throws IOException {
    Event e = one(HEAD + "ERROR: tls [tls_server.c:1333]: tls_h_read_f(): src addr: 2001:db8:bad::5:40112");

    assertThat(e.family()).isEqualTo(KamailioParser.TLS_ERROR);
    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8:bad::5"));
    assertThat(e.sourcePort()).isEqualTo(40112);
    assertThat(e.protocol()).isEqualTo(Protocol.TLS);
    assertThat(parse(HEAD + "ERROR: tls [tls_server.c:1337]: tls_h_read_f(): dst addr: 192.0.2.10:5061")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "WARNING: <script>: note abuseloop: outcome=scanner src=203.0.113.9 sport=1 proto=udp dst=192.0.2.10 dport=5060 method=X user=y ua=z",
    "WARNING: <script>: 203.0.113.9 friendly-scanner abuseloop: outcome=scanner src=203.0.113.9",
    "ERROR: <core> [core/x.c:1]: f(): abuseloop: outcome=scanner src=203.0.113.9 sport=1 proto=udp dst=192.0.2.10 dport=5060 method=X user=y ua=z",
    "WARNING: tls [tls_server.c:1]: f(): PIKE - BLOCKing ip 203.0.113.9, node=0x1",
    "ERROR: pike [pike.c:1]: f(): src addr: 203.0.113.9:5060",
    "WARNING: <script>: abuseloop: outcome=guessed src=203.0.113.9 sport=1 proto=udp dst=192.0.2.10 dport=5060 method=X user=y ua=z",
    "WARNING: <script>: abuseloop: outcome=scanner src=friendly sport=1 proto=udp dst=192.0.2.10 dport=5060 method=X user=y ua=z",
    "WARNING: <script>: abuseloop: outcome=scanner sport=1 src=203.0.113.9 proto=udp dst=192.0.2.10 dport=5060 method=X user=y ua=z",
    "INFO: <script>: REGISTER from 203.0.113.9 user 1001",
    "WARNING: pike [pike_funcs.c:135]: pike_check_ipaddr(): PIKE - BLOCKing ip 203.0.113.9",
  })
  void linesThatAreNotOursOrNotWhole(String message) throws IOException {
    assertThat(parse(HEAD + message)).isEmpty();
  }

  @Test
  void prefixVariants() throws IOException {
    String body = "abuseloop: outcome=scanner src=198.51.100.23 sport=5071 proto=udp dst=192.0.2.10 dport=5060 method=OPTIONS user=100 ua=sipvicious";
    // stderr logs captured by journald keep the process marker; an xlog prefix of "" drops the module
    assertThat(one(HEAD + " 3(1234) WARNING: <script>: " + body).source()).isEqualTo(TRUE_SOURCE);
    assertThat(one(HEAD + "WARNING: " + body).source()).isEqualTo(TRUE_SOURCE);
    assertThat(one(HEAD + body).source()).isEqualTo(TRUE_SOURCE);
    assertThat(one("Mar  3 10:00:00 sip1 /usr/sbin/kamailio[2345]: WARNING: <script>: " + body).source()).isEqualTo(TRUE_SOURCE);
    assertThat(one("Mar  3 10:00:00 sip1 openser[2345]: WARNING: <script>: " + body).source()).isEqualTo(TRUE_SOURCE);
    assertThat(one("2025-03-03T10:00:00.250+01:00 sip1 kamailio[2345]: NOTICE: <script>: " + body).time())
        .isEqualTo(Instant.parse("2025-03-03T09:00:00.250Z"));
  }

  @Test
  void aLineCutAnywhereGivesTheTrueSourceOrNothing() throws IOException {
    String full = snippet("auth-failed", "198.51.100.23", "REGISTER", "1001", "friendly-scanner");
    int trustedEnd = full.indexOf(" method=") + " method=".length();
    for (int cut = 0; cut <= full.length(); cut++) {
      String line = full.substring(0, cut);
      List<Event> events = parse(line);
      if (cut < trustedEnd) {
        assertThat(events).as("cut at %d: %s", cut, line).isEmpty();
      } else {
        assertThat(events).as("cut at %d: %s", cut, line).singleElement()
            .satisfies(e -> assertThat(e.source()).isEqualTo(TRUE_SOURCE))
            .satisfies(e -> assertThat(e.targetPort()).isEqualTo(5060));
      }
    }
  }

  @Test
  void hostileBytes() throws IOException {
    byte[] nul = snippet("scanner", "198.51.100.23\0", "OPTIONS", "1", "x").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(parseBytes(nul)).isEmpty();
    byte[] invalid = (snippet("scanner", "198.51.100.23", "OPTIONS", "\u00ff\u00fe", "\u00c3\0")).getBytes(StandardCharsets.ISO_8859_1);
    assertThat(parseBytes(invalid)).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo(TRUE_SOURCE);
      assertThat(e.user()).isEqualTo("\ufffd\ufffd");
    });
    assertThat(parse(snippet("scanner", "198.51.100.23", "OPTIONS", "1", "x") + "\r")).singleElement()
        .satisfies(e -> assertThat(e.source()).isEqualTo(TRUE_SOURCE));
    String longUa = snippet("scanner", "198.51.100.23", "OPTIONS", "u".repeat(4000), "x".repeat(60_000));
    assertThat(parse(longUa)).singleElement().satisfies(e -> assertThat(e.user()).hasSize(256));
  }

  @Test
  void declaresItsFamilies() {
    List<Family> families = new KamailioParser().families();
    assertThat(families).hasSize(10).doesNotHaveDuplicates()
        .allSatisfy(f -> assertThat(f.service()).isEqualTo(Service.KAMAILIO));
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
