package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each Asterisk message family on a line as Asterisk writes it: family, kind, source, port, user, target. */
class AsteriskParserTest {

  private static final String HEAD = "[2024-05-01 10:00:00] NOTICE[1638] ";

  private static Event event(String line) {
    Event e = ParsedLines.event(line);
    assertThat(e).as("no event for: %s", line).isNotNull();
    assertThat(e.service()).isEqualTo(Service.ASTERISK);
    return e;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Wrong password                                   | asterisk.sip.wrong-password      | AUTH_FAILURE",
      "Username/auth name mismatch                      | asterisk.sip.auth-name-mismatch  | AUTH_FAILURE",
      "No matching peer found                           | asterisk.sip.no-peer             | UNKNOWN_USER",
      "Device does not match ACL                        | asterisk.sip.device-acl          | ACL_REJECT",
      "ACL error (permit/deny)                          | asterisk.sip.acl-error           | ACL_REJECT",
      "Peer is not supposed to register                 | asterisk.sip.not-dynamic         | ACL_REJECT",
      "Not a local domain                               | asterisk.sip.not-local-domain    | ACL_REJECT",
      "Device not configured to use this transport type | asterisk.sip.wrong-transport     | ACL_REJECT"})
  void readsEachChanSipRegistrationReason(String reason, String family, EventKind kind) {
    Event e = event(HEAD + "chan_sip.c: Registration from '\"201\" <sip:201@pbx.example.org>' failed for '198.51.100.7:5062' - " + reason);
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.source()).isEqualTo(IpAddress.of("198.51.100.7"));
    assertThat(e.sourcePort()).isEqualTo(5062);
    assertThat(e.user()).isEqualTo("201");
    assertThat(e.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void readsRegistrationsWithoutPortAndFromIpv6() {
    Event noPort = event(HEAD + "chan_sip.c: Registration from '<sip:301@example.com>' failed for '192.0.2.44' - No matching peer found");
    assertThat(noPort.sourceText()).isEqualTo("192.0.2.44");
    assertThat(noPort.sourcePort()).isZero();
    Event v6 = event(HEAD + "chan_sip.c: Registration from '<sip:301@example.com>' failed for '[2001:db8::7]:5060' - Wrong password");
    assertThat(v6.source()).isEqualTo(IpAddress.of("2001:db8::7"));
    assertThat(v6.sourcePort()).isEqualTo(5060);
  }

  @Test
  void readsSyslogAndJournalFramesWithAsterisksOwnDateInside() {
    Event syslog = event("May  1 10:00:00 pbx asterisk[3001]: NOTICE[3002]: chan_sip.c:28926 in handle_request_register: "
        + "Registration from '<sip:100@pbx>' failed for '203.0.113.20:5070' - Wrong password");
    assertThat(syslog.sourceText()).isEqualTo("203.0.113.20");
    assertThat(syslog.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    Event journal = event("May  1 10:00:00 pbx asterisk[3001]: [May  1 09:59:59] NOTICE[566]: chan_sip.c:28926 handle_request_register: "
        + "Registration from '<sip:100@pbx>' failed for '203.0.113.21:5070' - Wrong password");
    assertThat(journal.sourceText()).isEqualTo("203.0.113.21");
    assertThat(journal.time()).as("the frame's time").isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void readsCallsToUnknownExtensionsInAllThreeForms() {
    Event chanSip = event(HEAD + "chan_sip.c: Call from '' (198.51.100.30:5060) to extension '0046812345678' "
        + "rejected because extension not found in context 'default'.");
    assertThat(chanSip.family()).isEqualTo(AsteriskFamilies.SIP_NO_EXTENSION);
    assertThat(chanSip.kind()).isEqualTo(EventKind.UNKNOWN_EXTENSION);
    assertThat(chanSip.sourceText()).isEqualTo("198.51.100.30");
    assertThat(chanSip.sourcePort()).isEqualTo(5060);
    assertThat(chanSip.user()).isEqualTo("0046812345678");

    Event pjsip = event("[2024-05-01 10:00:00] NOTICE[12049]: res_pjsip_session.c:2337 new_invite: Call from 'anonymous' "
        + "(TCP:[198.51.100.31]:61470) to extension '9011442037690237' rejected because extension not found in context 'default'.");
    assertThat(pjsip.family()).isEqualTo(AsteriskFamilies.PJSIP_NO_EXTENSION);
    assertThat(pjsip.protocol()).isEqualTo(Protocol.TCP);
    assertThat(pjsip.sourceText()).isEqualTo("198.51.100.31");
    assertThat(pjsip.sourcePort()).isEqualTo(61470);
    assertThat(pjsip.user()).isEqualTo("9011442037690237");

    Event endpoint = event("[2024-05-01 10:00:00] NOTICE[3980] res_pjsip_session.c:  anonymous: Call (UDP:198.51.100.32:65049) "
        + "to extension '001447441452805' rejected because extension not found in context 'inbound'.");
    assertThat(endpoint.family()).isEqualTo(AsteriskFamilies.PJSIP_NO_EXTENSION);
    assertThat(endpoint.protocol()).isEqualTo(Protocol.UDP);
    assertThat(endpoint.sourceText()).isEqualTo("198.51.100.32");
    assertThat(endpoint.sourcePort()).isEqualTo(65049);

    Event v6 = event("[2024-05-01 10:00:00] NOTICE[3980] res_pjsip_session.c: Call from 'anonymous' (UDP:[2001:db8::33]:5060) "
        + "to extension '' rejected because extension not found in context 'inbound'.");
    assertThat(v6.source()).isEqualTo(IpAddress.of("2001:db8::33"));
    assertThat(v6.user()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "No matching endpoint found                          | asterisk.pjsip.no-endpoint  | UNKNOWN_USER",
      "No matching endpoint found after 5 tries in 2.500 ms | asterisk.pjsip.no-endpoint | UNKNOWN_USER",
      "Failed to authenticate                              | asterisk.pjsip.auth-failed  | AUTH_FAILURE",
      "Error to authenticate                               | asterisk.pjsip.auth-error   | AUTH_FAILURE",
      "Not match Endpoint ACL                              | asterisk.pjsip.endpoint-acl | ACL_REJECT",
      "Not match Endpoint Contact ACL                      | asterisk.pjsip.contact-acl  | ACL_REJECT"})
  void readsEachPjsipRequestReason(String reason, String family, EventKind kind) {
    Event e = event("[2024-05-01 10:00:00] NOTICE[19388] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from "
        + "'\"1000\" <sip:1000@pbx.example.org>' failed for '203.0.113.40:48336' (callid: 2766-66022@203.0.113.40) - " + reason);
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.sourceText()).isEqualTo("203.0.113.40");
    assertThat(e.sourcePort()).isEqualTo(48336);
    assertThat(e.user()).isEqualTo("1000");
  }

  @Test
  void readsOldPjsipRequestsAndIpv6Peers() {
    Event old = event("[2024-05-01 10:00:00] NOTICE[19388] res_pjsip/pjsip_distributor.c: Request from '<sip:7@10.0.0.1>' "
        + "failed for '203.0.113.41:5089' (callid: abc) - No matching endpoint found");
    assertThat(old.sourceText()).isEqualTo("203.0.113.41");
    assertThat(old.user()).isEqualTo("7");
    Event v6 = event("[2024-05-01 10:00:00] NOTICE[19388] res_pjsip/pjsip_distributor.c: Request 'INVITE' from '<sip:7@pbx>' "
        + "failed for '[2001:db8::41]:5089' (callid: abc) - Failed to authenticate");
    assertThat(v6.source()).isEqualTo(IpAddress.of("2001:db8::41"));
    assertThat(v6.sourcePort()).isEqualTo(5089);
    Event oldV6 = event("[2024-05-01 10:00:00] NOTICE[19388] res_pjsip/pjsip_distributor.c: Request from '<sip:7@pbx>' "
        + "failed for '2001:db8::42:5089' (callid: abc) - Failed to authenticate");
    assertThat(oldV6.source()).as("old PJSIP always prints the port, IPv6 without brackets").isEqualTo(IpAddress.of("2001:db8::42"));
    assertThat(oldV6.sourcePort()).isEqualTo(5089);
  }

  @Test
  void readsIax2Notices() {
    Event auth = event(HEAD + "chan_iax2.c: Host 192.0.2.50 failed to authenticate as 'trunk1'");
    assertThat(auth.family()).isEqualTo(AsteriskFamilies.IAX_AUTH_FAILED);
    assertThat(auth.protocol()).isEqualTo(Protocol.UDP);
    assertThat(auth.user()).isEqualTo("trunk1");
    assertThat(auth.sourceText()).isEqualTo("192.0.2.50");

    Event md5 = event(HEAD + "chan_iax2.c: Host 192.0.2.51 failed MD5 authentication for 'trunk2' (0123 != 4567)");
    assertThat(md5.family()).isEqualTo(AsteriskFamilies.IAX_MD5_FAILED);
    assertThat(md5.user()).isEqualTo("trunk2");

    Event peer = event(HEAD + "chan_iax2.c: No registration for peer 'guest7' (from 192.0.2.52)");
    assertThat(peer.family()).isEqualTo(AsteriskFamilies.IAX_NO_PEER);
    assertThat(peer.kind()).isEqualTo(EventKind.UNKNOWN_USER);
    assertThat(peer.user()).isEqualTo("guest7");
    assertThat(peer.sourceText()).isEqualTo("192.0.2.52");

    Event connect = event(HEAD + "chan_iax2.c: Rejected connect attempt from 192.0.2.53:4569, who was trying to reach '900@default'");
    assertThat(connect.family()).isEqualTo(AsteriskFamilies.IAX_NO_EXTENSION);
    assertThat(connect.sourcePort()).isEqualTo(4569);
    assertThat(connect.user()).isEqualTo("900");
  }

  @Test
  void readsManagerLoginFailures() {
    Event failed = event("[2024-05-01 10:00:00] NOTICE [22382] manager.c: 192.0.2.60 failed to authenticate as 'admin'");
    assertThat(failed.family()).isEqualTo(AsteriskFamilies.AMI_AUTH_FAILED);
    assertThat(failed.kind()).isEqualTo(EventKind.AUTH_FAILURE);
    assertThat(failed.protocol()).isEqualTo(Protocol.TCP);
    assertThat(failed.user()).isEqualTo("admin");
    Event unknown = event(HEAD + "manager.c: 192.0.2.61 tried to authenticate with nonexistent user 'opennms'");
    assertThat(unknown.family()).isEqualTo(AsteriskFamilies.AMI_UNKNOWN_USER);
    assertThat(unknown.kind()).isEqualTo(EventKind.UNKNOWN_USER);
    assertThat(unknown.user()).isEqualTo("opennms");
    Event acl = event(HEAD + "manager.c:3567 in authenticate: 2001:db8::62 failed to pass IP ACL as 'monitor'");
    assertThat(acl.family()).isEqualTo(AsteriskFamilies.AMI_ACL);
    assertThat(acl.source()).isEqualTo(IpAddress.of("2001:db8::62"));
  }

  @Test
  void readsHackingAttemptsAndFreePbxRefusals() {
    Event hacking = event(HEAD + "chan_sip.c: hacking attempt detected '192.0.2.70'");
    assertThat(hacking.family()).isEqualTo(AsteriskFamilies.SIP_HACKING_ATTEMPT);
    assertThat(hacking.kind()).isEqualTo(EventKind.SCANNER);
    assertThat(hacking.sourceText()).isEqualTo("192.0.2.70");

    Event plain = event("[2024-05-01 10:00:00] WARNING[6756][C-0000001d] Ext. s: \"Rejecting unknown SIP connection from 192.0.2.71\"");
    assertThat(plain.family()).isEqualTo(AsteriskFamilies.FREEPBX_UNKNOWN_CONNECTION);
    assertThat(plain.sourceText()).isEqualTo("192.0.2.71");
    Event withPort = event("[2024-05-01 10:00:00] WARNING[1195][C-00000b43]: Ext. s:6 in @ from-sip-external: "
        + "\"Rejecting unknown SIP connection from [2001:db8::72]:5060\"");
    assertThat(withPort.source()).isEqualTo(IpAddress.of("2001:db8::72"));
    assertThat(withPort.sourcePort()).isEqualTo(5060);
  }

  @Test
  void doesNotTakeFreePbxFriendlyScannerAddressesFromTheViaHeader() {
    assertThat(ParsedLines.event("[2024-05-01 10:00:00] WARNING[6410][C-00000bac] Ext. 50048943556071: Friendly Scanner from 192.0.2.80"))
        .isNull();
    assertThat(ParsedLines.event("[2024-05-01 10:00:00] WARNING[6410][C-00000bac] Ext. s: Friendly Scanner from 192.0.2.81")).isNull();
  }

  @Test
  void readsSecurityEventsWithTargetProtocolAndAccount() {
    Event e = event("[2024-05-01 10:00:00] SECURITY[1204] res_security_log.c: SecurityEvent=\"InvalidAccountID\","
        + "EventTV=\"2024-05-01T10:00:00.500+0000\",Severity=\"Error\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"4711\","
        + "SessionID=\"a1b2c3@198.51.100.90\",LocalAddress=\"IPV4/UDP/192.0.2.5/5060\",RemoteAddress=\"IPV4/UDP/198.51.100.90/5070\"");
    assertThat(e.family()).isEqualTo(AsteriskFamilies.SECURITY_INVALID_ACCOUNT);
    assertThat(e.kind()).isEqualTo(EventKind.UNKNOWN_USER);
    assertThat(e.sourceText()).isEqualTo("198.51.100.90");
    assertThat(e.sourcePort()).isEqualTo(5070);
    assertThat(e.target()).isEqualTo(IpAddress.of("192.0.2.5"));
    assertThat(e.targetPort()).isEqualTo(5060);
    assertThat(e.protocol()).isEqualTo(Protocol.UDP);
    assertThat(e.user()).isEqualTo("4711");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ChallengeResponseFailed | asterisk.security.challenge-failed        | AUTH_FAILURE",
      "InvalidPassword         | asterisk.security.invalid-password        | AUTH_FAILURE",
      "FailedACL               | asterisk.security.failed-acl              | ACL_REJECT",
      "UnexpectedAddress       | asterisk.security.unexpected-address      | ACL_REJECT",
      "InvalidTransport        | asterisk.security.invalid-transport       | ACL_REJECT",
      "AuthMethodNotAllowed    | asterisk.security.auth-method-not-allowed | AUTH_FAILURE"})
  void readsEachSecurityEventName(String name, String family, EventKind kind) {
    Event e = event("[2024-05-01 10:00:00] SECURITY[77]: res_security_log.c:114 security_event_stasis_cb: SecurityEvent=\"" + name + "\","
        + "EventTV=\"2024-05-01T10:00:00.209+0000\",Severity=\"Error\",Service=\"SIP\",EventVersion=\"1\",AccountID=\"6001\","
        + "SessionID=\"0x7f0000001\",LocalAddress=\"IPV6/TLS/2001:db8::5/5061\",RemoteAddress=\"IPV6/TLS/2001:db8::91/54784\","
        + "Challenge=\"1640091422/edc2\",Response=\"3b0b\",ExpectedResponse=\"\"");
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8::91"));
    assertThat(e.target()).isEqualTo(IpAddress.of("2001:db8::5"));
    assertThat(e.protocol()).isEqualTo(Protocol.TLS);
  }

  @Test
  void leavesAnUnspecifiedLocalAddressOutOfTheTarget() {
    Event e = event("[2024-05-01 10:00:00] SECURITY[26428] res_security_log.c: SecurityEvent=\"FailedACL\",EventTV=\"2024-05-01T10:00:00.203+0300\","
        + "Severity=\"Error\",Service=\"AMI\",EventVersion=\"1\",AccountID=\"admin\",SessionID=\"0x7fb580001518\","
        + "LocalAddress=\"IPV4/TCP/0.0.0.0/5038\",RemoteAddress=\"IPV4/TCP/192.0.2.92/62389\",SessionTV=\"1970-01-01T03:00:00.000+0300\"");
    assertThat(e.sourceText()).isEqualTo("192.0.2.92");
    assertThat(e.target()).isNull();
    assertThat(e.targetPort()).isEqualTo(5038);
    assertThat(e.user()).isEqualTo("admin");
  }

  @Test
  void ignoresOrdinaryLinesAndInformationalSecurityEvents() {
    assertThat(ParsedLines.events(
        "[2024-05-01 10:00:00] VERBOSE[1638] chan_sip.c: -- Registered SIP '201' at 192.0.2.10:5060",
        "[2024-05-01 10:00:01] NOTICE[1638] chan_sip.c: Peer '201' is now Reachable. (12ms / 2000ms)",
        "[2024-05-01 10:00:02] SECURITY[77] res_security_log.c: SecurityEvent=\"ChallengeSent\",EventTV=\"x\",Severity=\"Informational\","
            + "Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"<unknown>\",SessionID=\"a\",LocalAddress=\"IPV4/UDP/192.0.2.5/5060\","
            + "RemoteAddress=\"IPV4/UDP/192.0.2.11/5060\",Challenge=\"\"",
        "[2024-05-01 10:00:03] SECURITY[77] res_security_log.c: SecurityEvent=\"SuccessfulAuth\",EventTV=\"x\",Severity=\"Informational\","
            + "Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"201\",SessionID=\"a\",LocalAddress=\"IPV4/UDP/192.0.2.5/5060\","
            + "RemoteAddress=\"IPV4/UDP/192.0.2.10/5060\",UsingPassword=\"1\"",
        "[2024-05-01 10:00:04] WARNING[1638] chan_sip.c: Retransmission timeout reached on transmission 1@192.0.2.12 for seqno 1",
        "[2024-05-01 10:00:05] NOTICE[1638] chan_sip.c: Registration from '<sip:201@pbx>' failed for '192.0.2.13' - Unknown failure"))
        .isEmpty();
  }

  @Test
  void declaresEveryFamilyItCanProduceUnderItsService() {
    AsteriskParser parser = new AsteriskParser();
    assertThat(parser.families()).hasSize(31).doesNotHaveDuplicates()
        .allSatisfy(f -> assertThat(f.service()).isEqualTo(Service.ASTERISK));
  }
}
