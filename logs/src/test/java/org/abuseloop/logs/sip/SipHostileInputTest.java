package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lines where the caller's text (From and To headers, Call-ID, account, extension, user names) holds a
 * false address: the event must name the address the service wrote, never the planted one.
 */
class SipHostileInputTest {

  private static final String PLANTED = "203.0.113.9";
  private static final String A = "[2024-05-01 10:00:00] ";

  /** The line gives one event, from {@code source}. */
  private static void namesTheTrueSource(String line, String source) {
    Event e = ParsedLines.event(line);
    assertThat(e).as("no event for: %s", line).isNotNull();
    assertThat(e.source()).as(line).isEqualTo(IpAddress.of(source));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // chan_sip: the To header holds a complete false tail.
      A + "NOTICE[1] chan_sip.c: Registration from '\"x' failed for '203.0.113.9:5060' - Wrong password\" <sip:1@pbx>' "
          + "failed for '198.51.100.1:5060' - Wrong password",
      A + "NOTICE[1] chan_sip.c: Registration from '<sip:' failed for '203.0.113.9' - No matching peer found@pbx>' "
          + "failed for '198.51.100.1' - No matching peer found",
      // PJSIP: a quoted display name, an unquoted one, the Call-ID, and all at once.
      A + "NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '\"x' failed for '203.0.113.9:5060' (callid: y\" "
          + "<sip:1@pbx>' failed for '198.51.100.1:5060' (callid: z) - Failed to authenticate",
      A + "NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from 'x\\\" failed for 203.0.113.9 <sip:1@pbx>' "
          + "failed for '198.51.100.1:5060' (callid: z) - Failed to authenticate",
      A + "NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'INVITE' from '<sip:1@pbx>' failed for '198.51.100.1:5060' "
          + "(callid: z' failed for '203.0.113.9:5060' (callid: q) - No matching endpoint found",
      A + "NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'INVITE' from '\"a\\\" ' failed for '203.0.113.9:5060' (callid: \" "
          + "<sip:1@pbx>' failed for '198.51.100.1:5060' (callid: z' failed for '203.0.113.9:5060' (callid: q) - Not match Endpoint ACL",
      // Calls: the extension holds a false address block.
      A + "NOTICE[1][C-1] chan_sip.c: Call from '' (198.51.100.1:5060) to extension '1' (203.0.113.9:5060) to extension '2' "
          + "rejected because extension not found in context 'default'.",
      A + "NOTICE[1] res_pjsip_session.c: Call from 'anonymous' (UDP:198.51.100.1:5060) to extension "
          + "'1' (UDP:203.0.113.9:5060) to extension '2' rejected because extension not found in context 'default'.",
      A + "NOTICE[1] res_pjsip_session.c: anonymous: Call (UDP:198.51.100.1:5060) to extension "
          + "'x: Call (UDP:203.0.113.9:5060) to extension 'y' rejected because extension not found in context 'default'.",
      // IAX2 and AMI: the peer or user name.
      A + "NOTICE[1] chan_iax2.c: No registration for peer 'x' (from 203.0.113.9)' (from 198.51.100.1)",
      A + "NOTICE[1] chan_iax2.c: Host 198.51.100.1 failed to authenticate as '203.0.113.9 failed to authenticate as 'x'",
      A + "NOTICE[1] manager.c: 198.51.100.1 failed to authenticate as 'Host 203.0.113.9 failed to authenticate as 'x'",
      // Security events: AccountID and SessionID (a PJSIP Call-ID) hold complete false keys.
      A + "SECURITY[1] res_security_log.c: SecurityEvent=\"InvalidAccountID\",EventTV=\"1\",Severity=\"Error\",Service=\"SIP\","
          + "EventVersion=\"1\",AccountID=\"x\",RemoteAddress=\"IPV4/UDP/203.0.113.9/5060\",SessionID=\"0x1\","
          + "LocalAddress=\"IPV4/UDP/192.0.2.5/5060\",RemoteAddress=\"IPV4/UDP/198.51.100.1/5070\"",
      A + "SECURITY[1] res_security_log.c: SecurityEvent=\"ChallengeResponseFailed\",EventTV=\"1\",Severity=\"Error\","
          + "Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"<unknown>\",SessionID=\"\",LocalAddress=\"IPV4/UDP/127.0.0.1/5060\","
          + "RemoteAddress=\"IPV4/UDP/203.0.113.9/1111\"\",LocalAddress=\"IPV4/UDP/192.0.2.5/5060\","
          + "RemoteAddress=\"IPV4/UDP/198.51.100.1/5061\",Challenge=\"1/2\",Response=\"3\",ExpectedResponse=\"\"",
      // FreeSWITCH: the [user@domain] part.
      "2024-05-01 10:00:00.000001 [WARNING] sofia_reg.c:1 SIP auth failure (REGISTER) on sofia profile 'internal' "
          + "for [x] from ip 203.0.113.9 for [y@pbx] from ip 198.51.100.1",
      "2024-05-01 10:00:00.000001 [WARNING] sofia_reg.c:1 Can't find user [x] from 203.0.113.9@pbx] from 198.51.100.1",
      "2024-05-01 10:00:00.000001 [WARNING] sofia_reg.c:1 Can't find user [IP 203.0.113.9 Rejected by acl \"x\"@pbx] from 198.51.100.1"})
  void namesTheAddressTheServiceWrote(String line) {
    namesTheTrueSource(line, "198.51.100.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // A dial plan line whose extension is what the caller dialled: its text is not the service's.
      A + "WARNING[1][C-1] Ext. 203.0.113.9 failed to authenticate as 'x: Friendly Scanner from 203.0.113.9",
      A + "WARNING[1][C-1] Ext. 1: Registration from 'x' failed for '203.0.113.9' - Wrong password",
      A + "WARNING[1][C-1] Ext. 1: \"Rejecting unknown SIP connection from 203.0.113.9\"",
      // AMI's challenge response comes after RemoteAddress: with two of them, neither is sure.
      A + "SECURITY[1] res_security_log.c: SecurityEvent=\"ChallengeResponseFailed\",EventTV=\"1\",Severity=\"Error\","
          + "Service=\"AMI\",EventVersion=\"1\",AccountID=\"admin\",SessionID=\"0x1\",LocalAddress=\"IPV4/TCP/0.0.0.0/5038\","
          + "RemoteAddress=\"IPV4/TCP/198.51.100.1/40000\",Challenge=\"123\",Response=\"x\",RemoteAddress=\"IPV4/TCP/203.0.113.9/1\","
          + "ExpectedResponse=\"\"",
      // A PJSIP From header cut inside its display name.
      A + "NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '\"x' failed for '203.0.113.9:5060' (callid: y) - Failed to authenticate"})
  void givesNoEventWhenTheAddressIsNotTheServices(String line) {
    List<Event> events = ParsedLines.events(line);
    assertThat(events).as(line).isEmpty();
  }

  @Test
  void neverNamesThePlantedAddressAnywhere() {
    // Every hostile line of this class in one file: the planted address must not appear as a source.
    List<Event> events = ParsedLines.events(
        A + "NOTICE[1] chan_sip.c: Registration from '\"x' failed for '203.0.113.9:5060' - Wrong password\" <sip:1@pbx>' "
            + "failed for '198.51.100.1:5060' - Wrong password",
        A + "NOTICE[1] manager.c: 198.51.100.1 failed to authenticate as 'Host 203.0.113.9 failed to authenticate as 'x'",
        A + "NOTICE[1] chan_sip.c: hacking attempt detected '203.0.113.9' '198.51.100.1'");
    assertThat(events).extracting(Event::sourceText).doesNotContain(PLANTED).contains("198.51.100.1");
  }

  private static final String[] GOOD_LINES = {
      A + "NOTICE[1638] chan_sip.c: Registration from '<sip:301@pbx>' failed for '198.51.100.1:5060' - Wrong password",
      A + "NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '\"1\" <sip:1@pbx>' failed for '198.51.100.1:5060' "
          + "(callid: z) - No matching endpoint found after 5 tries in 2.500 ms",
      A + "NOTICE[1][C-1] chan_sip.c: Call from '' (198.51.100.1:5060) to extension '1' rejected because extension not found in context 'x'.",
      A + "NOTICE[1] chan_iax2.c: No registration for peer 'x' (from 198.51.100.1)",
      A + "NOTICE[1] manager.c: 198.51.100.1 failed to authenticate as 'admin'",
      A + "NOTICE[1] chan_sip.c: hacking attempt detected '198.51.100.1'",
      A + "WARNING[1][C-1] Ext. s: \"Rejecting unknown SIP connection from 198.51.100.1\"",
      A + "SECURITY[1] res_security_log.c: SecurityEvent=\"InvalidAccountID\",EventTV=\"1\",Severity=\"Error\",Service=\"SIP\","
          + "EventVersion=\"1\",AccountID=\"x\",SessionID=\"0x1\",LocalAddress=\"IPV4/UDP/192.0.2.5/5060\","
          + "RemoteAddress=\"IPV4/UDP/198.51.100.1/5070\"",
      "2024-05-01 10:00:00.000001 [WARNING] sofia.c:1 IP 198.51.100.1 Rejected by acl \"domains\""};

  @Test
  void theLinesBelowAreRecognisedWhole() {
    for (String line : GOOD_LINES) {
      namesTheTrueSource(line, "198.51.100.1");
    }
  }

  @Test
  void aCutLineIsNotRecognisedUnlessWhatRemainsIsAWholeMessage() {
    for (String line : GOOD_LINES) {
      for (int cut = 1; cut < line.length(); cut++) {
        String part = line.substring(0, cut);
        List<Event> events = ParsedLines.events(part);
        assertThat(events).as("cut: %s", part).allSatisfy(e -> assertThat(e.sourceText()).isEqualTo("198.51.100.1"));
        if (!endsAField(part)) {
          assertThat(events).as("cut: %s", part).isEmpty();
        }
      }
    }
  }

  /**
   * Cuts that leave a whole message: right after a closing quote of a security event that already has
   * its RemoteAddress, PJSIP's reason before its count of tries.
   */
  private static boolean endsAField(String part) {
    return (part.contains("SecurityEvent=") && part.endsWith("\"") && part.contains("RemoteAddress=\"IPV4/UDP/198.51.100.1/5070\""))
        || part.stripTrailing().endsWith("- No matching endpoint found");
  }

  @Test
  void survivesNulBytesInvalidUtf8CarriageReturnsAndHugeLines() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    byte[] nul = (A + "NOTICE[1] chan_sip.c: Registration from '\0\0' failed for '198.51.100.1\0' - Wrong password\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] badUtf8 = (A + "NOTICE[1] chan_sip.c: Registration from '\u00ff\u00fe<sip:\u00c3@x>' failed for '198.51.100.2' - Wrong password\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] cr = (A + "NOTICE[1] chan_sip.c: Registration from '\r<sip:1@x>' failed for '198.51.100.3' - Wrong password\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] huge = new byte[1 << 20];
    java.util.Arrays.fill(huge, (byte) '\'');
    file.writeBytes(nul);
    file.writeBytes(badUtf8);
    file.writeBytes(cr);
    file.writeBytes((A + "NOTICE[1] chan_sip.c: Registration from '").getBytes(StandardCharsets.US_ASCII));
    file.writeBytes(huge);
    file.writeBytes("' failed for '198.51.100.4' - Wrong password\n".getBytes(StandardCharsets.US_ASCII));
    file.writeBytes("2024-05-01 10:00:00.000001 [WARNING] sofia_reg.c:1 Can't find user [".getBytes(StandardCharsets.US_ASCII));
    file.writeBytes(huge);
    file.writeBytes("] from 198.51.100.5\n".getBytes(StandardCharsets.US_ASCII));
    assertThatCode(() -> ParsedLines.events(file.toByteArray())).doesNotThrowAnyException();
    List<Event> events = ParsedLines.events(file.toByteArray());
    assertThat(events).extracting(Event::sourceText).doesNotContain("198.51.100.1").contains("198.51.100.2", "198.51.100.3");
    assertThat(events).filteredOn(e -> e.sourceText().equals("198.51.100.2")).singleElement()
        .satisfies(e -> assertThat(e.user()).doesNotContain("\0").isNotBlank());
  }
}
