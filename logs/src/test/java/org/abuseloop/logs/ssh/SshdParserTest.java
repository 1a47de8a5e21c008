package org.abuseloop.logs.ssh;

import static org.abuseloop.logs.ssh.LogLines.sshd;
import static org.abuseloop.logs.ssh.LogLines.sshdAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.ParserCatalog;
import org.junit.jupiter.api.Test;

/** One test per sshd message family, and the lines that must stay quiet. */
class SshdParserTest {

  private static final IpAddress CLIENT = IpAddress.of("198.51.100.7");

  private static void assertFrom(Event e, String address, int port) {
    assertThat(e.source()).isEqualTo(IpAddress.of(address));
    assertThat(e.sourcePort()).isEqualTo(port);
    assertThat(e.protocol()).isEqualTo(Protocol.TCP);
    assertThat(e.service()).isEqualTo(Service.SSHD);
  }

  @Test
  void failedPasswordGivesTheClientPortUserAndTime() {
    Event e = sshd("Failed password for root from 198.51.100.7 port 4242 ssh2");
    assertFrom(e, "198.51.100.7", 4242);
    assertThat(e.family()).isEqualTo(SshdFamilies.FAILED_PASSWORD);
    assertThat(e.kind()).isEqualTo(EventKind.AUTH_FAILURE);
    assertThat(e.user()).isEqualTo("root");
    assertThat(e.time()).isEqualTo(Instant.parse("2024-06-12T10:00:00Z"));
    assertThat(e.origin().line()).isEqualTo(1);
  }

  @Test
  void failedPasswordForAnInvalidUserNamesTheUserWithoutTheWords() {
    Event e = sshd("Failed password for invalid user admin from 2001:db8::7 port 51000 ssh2");
    assertFrom(e, "2001:db8::7", 51000);
    assertThat(e.user()).isEqualTo("admin");
  }

  @Test
  void eachMethodHasItsFamily() {
    assertThat(sshd("Failed keyboard-interactive/pam for invalid user x from 198.51.100.7 port 1 ssh2").family())
        .isEqualTo(SshdFamilies.FAILED_KEYBOARD_INTERACTIVE);
    assertThat(sshd("Failed publickey for invalid user git from 198.51.100.7 port 1 ssh2: RSA SHA256:abcd").family())
        .isEqualTo(SshdFamilies.FAILED_PUBLICKEY);
    assertThat(sshd("Failed none for invalid user x from 198.51.100.7 port 1 ssh2").family()).isEqualTo(SshdFamilies.FAILED_OTHER);
    Event hostbased = sshd("Failed hostbased for dan from 198.51.100.7 port 2 ssh2: RSA 8c:e3:aa, client user \"dan\", client host \"h\"");
    assertThat(hostbased.family()).isEqualTo(SshdFamilies.FAILED_OTHER);
    assertFrom(hostbased, "198.51.100.7", 2);
  }

  @Test
  void aValidUsersRejectedKeysAndNoneProbeAreRoutine() {
    assertThat(sshdAll("Failed publickey for git from 198.51.100.7 port 1 ssh2: ED25519 SHA256:abcd")).isEmpty();
    assertThat(sshdAll("Failed none for git from 198.51.100.7 port 1 ssh2")).isEmpty();
    assertThat(sshdAll("Postponed publickey for git from 198.51.100.7 port 1 ssh2 [preauth]")).isEmpty();
    assertThat(sshdAll("Accepted publickey for git from 198.51.100.7 port 1 ssh2: RSA SHA256:abcd")).isEmpty();
    assertThat(sshdAll("Accepted password for git from 198.51.100.7 port 1 ssh2")).isEmpty();
  }

  @Test
  void invalidUserInAllItsForms() {
    Event e = sshd("Invalid user support from 198.51.100.7 port 32836");
    assertThat(e.family()).isEqualTo(SshdFamilies.INVALID_USER);
    assertThat(e.kind()).isEqualTo(EventKind.UNKNOWN_USER);
    assertThat(e.user()).isEqualTo("support");
    assertFrom(e, "198.51.100.7", 32836);
    assertThat(sshd("Invalid user  from 198.51.100.7 port 1").user()).isEmpty();
    assertThat(sshd("Illegal user test from 198.51.100.7").source()).isEqualTo(CLIENT);
    assertThat(sshd("Invalid user x from 2001:db8::a11:beef:7ac0%eth0").source()).isEqualTo(IpAddress.of("2001:db8::a11:beef:7ac0"));
    assertThat(sshd("error: PAM: User not known to the underlying authentication module for illegal user k from 198.51.100.7 ").user())
        .isEqualTo("k");
    assertThat(sshd("error: PAM: unknown user for illegal user mario from 198.51.100.7").family()).isEqualTo(SshdFamilies.INVALID_USER);
  }

  @Test
  void notAllowedAndRootRefusedAreAclRejects() {
    Event e = sshd("User root from 198.51.100.7 not allowed because not listed in AllowUsers");
    assertThat(e.family()).isEqualTo(SshdFamilies.NOT_ALLOWED);
    assertThat(e.kind()).isEqualTo(EventKind.ACL_REJECT);
    assertThat(e.user()).isEqualTo("root");
    assertThat(sshd("User a from 198.51.100.7 not allowed because none of user's groups are listed in AllowGroups").source())
        .isEqualTo(CLIENT);
    Event root = sshd("ROOT LOGIN REFUSED FROM ::ffff:198.51.100.7 port 14423 [preauth]");
    assertThat(root.family()).isEqualTo(SshdFamilies.ROOT_REFUSED);
    assertFrom(root, "198.51.100.7", 14423);
    Event wrappers = sshd("refused connect from _U2Fsd=_@::ffff:198.51.100.7 (::ffff:198.51.100.7)");
    assertThat(wrappers.family()).isEqualTo(SshdFamilies.REFUSED_CONNECT);
    assertThat(wrappers.source()).isEqualTo(CLIENT);
  }

  @Test
  void aHostNameLoggedWithUseDnsIsKeptAsWrittenAndNeverResolved() {
    Event e = sshd("error: PAM: Authentication failure for stefanor from host-7.example.com");
    assertThat(e.family()).isEqualTo(SshdFamilies.PAM_FAILURE);
    assertThat(e.source()).isNull();
    assertThat(e.sourceHost()).isEqualTo("host-7.example.com");
    assertThat(sshd("User allena from mail.example.org not allowed because not in any group").sourceHost())
        .isEqualTo("mail.example.org");
    assertThat(sshd("Failed password for root from gw.example.net port 22 ssh2").sourceHost()).isEqualTo("gw.example.net");
  }

  @Test
  void pamErrorsWithAndWithoutVia() {
    Event e = sshd("error: PAM: authentication error for james from 198.51.100.7 via 192.0.2.1");
    assertThat(e.source()).isEqualTo(CLIENT);
    assertThat(e.user()).isEqualTo("james");
    assertThat(sshd("error: PAM: Authentication failure for james from 198.51.100.7").source()).isEqualTo(CLIENT);
  }

  @Test
  void maximumAttemptsWithTheClientOnTheLine() {
    Event e = sshd("error: maximum authentication attempts exceeded for invalid user xxx from 198.51.100.7 port 49941 ssh2 [preauth]");
    assertThat(e.family()).isEqualTo(SshdFamilies.MAX_ATTEMPTS);
    assertThat(e.user()).isEqualTo("xxx");
    assertFrom(e, "198.51.100.7", 49941);
    assertThat(sshdAll("Disconnecting invalid user xxx 198.51.100.7 port 49941: Too many authentication failures [preauth]"))
        .as("repeats the line above").isEmpty();
  }

  @Test
  void changeOfUserIsProtocolAbuse() {
    Event e = sshd("Disconnecting invalid user admin 198.51.100.7 port 44004: Change of username or service not allowed: "
        + "(admin,ssh-connection) -> (user,ssh-connection) [preauth]");
    assertThat(e.family()).isEqualTo(SshdFamilies.CHANGE_OF_USER);
    assertThat(e.kind()).isEqualTo(EventKind.PROTOCOL_ABUSE);
    assertFrom(e, "198.51.100.7", 44004);
    assertThat(e.user()).isEqualTo("admin");
  }

  @Test
  void connectionsEndingBeforeAuthenticationAreScannerNoise() {
    Event e = sshd("Connection closed by authenticating user root 198.51.100.7 port 46038 [preauth]");
    assertThat(e.family()).isEqualTo(SshdFamilies.PREAUTH_DISCONNECT);
    assertThat(e.kind()).isEqualTo(EventKind.SCANNER);
    assertThat(e.user()).isEqualTo("root");
    assertFrom(e, "198.51.100.7", 46038);
    assertThat(sshd("Connection reset by invalid user username 198.51.100.7 port 55895 [preauth]").user()).isEqualTo("username");
    assertThat(sshd("Disconnected from 198.51.100.7 port 30761 [preauth]").source()).isEqualTo(CLIENT);
    assertThat(sshd("Connection closed by 198.51.100.7 [preauth]").sourcePort()).isZero();
  }

  @Test
  void connectionsEndingAfterAuthenticationOrByTheClientsQuitAreNot() {
    assertThat(sshdAll("Connection closed by 198.51.100.7 port 1")).isEmpty();
    assertThat(sshdAll("Disconnected from user root 198.51.100.7 port 1")).isEmpty();
    assertThat(sshdAll("Received disconnect from 198.51.100.7 port 60058:11: disconnected by user")).isEmpty();
    assertThat(sshdAll("Received disconnect from 198.51.100.7 port 60058:11: Bye Bye [preauth]")).isEmpty();
    assertThat(sshdAll("Disconnected from totobad user ftp 198.51.100.7 port 26138 [preauth]")).isEmpty();
  }

  @Test
  void receivedDisconnectCodes() {
    Event authFail = sshd("Received disconnect from 198.51.100.7: 3: com.jcraft.jsch.JSchException: Auth fail");
    assertThat(authFail.family()).isEqualTo(SshdFamilies.CLIENT_AUTH_FAIL);
    Event v6 = sshd("error: Received disconnect from 2001:db8::1 port 7736:3: com.jcraft.jsch.JSchException: Auth fail [preauth]");
    assertFrom(v6, "2001:db8::1", 7736);
    Event none = sshd("error: Received disconnect from 198.51.100.7 port 1684:14: No supported authentication methods available [preauth]");
    assertThat(none.family()).isEqualTo(SshdFamilies.PREAUTH_DISCONNECT);
  }

  @Test
  void clientsThatDoNotSpeakSsh() {
    Event e = sshd("Did not receive identification string from 198.51.100.7 port 35836");
    assertThat(e.family()).isEqualTo(SshdFamilies.NO_IDENTIFICATION);
    assertFrom(e, "198.51.100.7", 35836);
    assertThat(sshd("Bad protocol version identification 'GET / HTTP/1.1' from 198.51.100.7 port 31778").family())
        .isEqualTo(SshdFamilies.BAD_BANNER);
    assertThat(sshd("Bad protocol version identification XYZ from 2001:db8::9").source()).isEqualTo(IpAddress.of("2001:db8::9"));
    assertThat(sshd("banner exchange: Connection from 198.51.100.7 port 65403: invalid format").sourcePort()).isEqualTo(65403);
    assertThat(sshd("ssh_dispatch_run_fatal: Connection from 198.51.100.7 port 33738: message authentication code incorrect [preauth]")
        .family()).isEqualTo(SshdFamilies.CORRUPT_PACKET);
    assertThat(sshd("ssh_dispatch_run_fatal: Connection from invalid user a b 198.51.100.7 port 33738: Connection corrupted [preauth]")
        .source()).isEqualTo(CLIENT);
    assertThat(sshd("Magic value check failed (4289475479) on obfuscated handshake from 198.51.100.7 port 62730").family())
        .isEqualTo(SshdFamilies.CORRUPT_PACKET);
  }

  @Test
  void keyExchangeFailures() {
    Event e = sshd("Unable to negotiate with 198.51.100.7 port 55419: no matching cipher found. Their offer: aes256-cbc [preauth]");
    assertThat(e.family()).isEqualTo(SshdFamilies.KEX_FAILED);
    assertFrom(e, "198.51.100.7", 55419);
    assertThat(sshd("fatal: Unable to negotiate with 2001:db8::2 port 5: no matching host key type found. Their offer: ssh-dss")
        .source()).isEqualTo(IpAddress.of("2001:db8::2"));
  }

  @Test
  void timeoutsAndPenalties() {
    assertThat(sshd("fatal: Timeout before authentication for 198.51.100.7 port 47056").family()).isEqualTo(SshdFamilies.LOGIN_TIMEOUT);
    assertThat(sshd("Timeout before authentication for connection from 198.51.100.7 to 192.0.2.2, pid = 35557").source())
        .isEqualTo(CLIENT);
    Event p = sshd("drop connection #0 from [198.51.100.7]:48602 on [192.0.2.2]:22 penalty: exceeded LoginGraceTime");
    assertThat(p.family()).isEqualTo(SshdFamilies.PENALTY);
    assertThat(p.kind()).isEqualTo(EventKind.RATE_LIMITED);
    assertFrom(p, "198.51.100.7", 48602);
    assertThat(p.target()).isEqualTo(IpAddress.of("192.0.2.2"));
    assertThat(p.targetPort()).isEqualTo(22);
  }

  @Test
  void prefixesBeforeSshdsWordsAreSkipped() {
    assertThat(sshd("[ID 800047 auth.info] Failed keyboard-interactive for <invalid username> from 198.51.100.7 port 1 ssh2")
        .user()).isEqualTo("<invalid username>");
    assertThat(sshd("kernel:[  970.699396]: Failed password for x from 198.51.100.7 port 1 ssh2").source()).isEqualTo(CLIENT);
    assertThat(sshd("kernel: [  970.699397] Failed password for x from 198.51.100.7 port 1 ssh2").source()).isEqualTo(CLIENT);
    assertThat(sshd("message repeated 3 times: [ Failed password for root from 198.51.100.7 port 1 ssh2]").source())
        .isEqualTo(CLIENT);
  }

  @Test
  void sshdSessionAndRfc5424FramesAreSshd() {
    assertThat(LogLines.parse("Jun 12 10:00:00 host sshd-session[9]: Invalid user x from 198.51.100.7 port 1")).hasSize(1);
    assertThat(LogLines.parse("<38>1 2019-07-08T17:40:16.954167-04:00 host.example.com sshd 57915 - - "
        + "Failed unknown for invalid user redmond from 198.51.100.7 port 59197 ssh2").get(0).time())
        .isEqualTo(Instant.parse("2019-07-08T21:40:16.954167Z"));
  }

  @Test
  void linesThatAreNotAttacksGiveNothing() {
    for (String quiet : new String[] {
        "Address 198.51.100.7 maps to x.example.com, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!",
        "input_userauth_request: invalid user root [preauth]",
        "pam_unix(sshd:session): session opened for user known by (uid=0)",
        "error: AuthorizedKeysCommand /usr/bin/keys returned status 1",
        "AuthorizedKeysCommand /usr/bin/keys git failed, status 1",
        "Server listening on 0.0.0.0 port 22.",
        "Connection from 198.51.100.7 port 1 on 192.0.2.2 port 22",
        "SSH: Server;Ltype: Version;Remote: 198.51.100.7-1780;Protocol: 2.0;Client: libssh2_1.4.3",
        "error: kex_exchange_identification: banner line too long",
        "Received signal 15; terminating.",
        "fatal: Connection reset by peer [preauth]",
        "Connection closed by remote host [preauth]",
        "Disconnected from localhost [preauth]",
    }) {
      assertThat(sshdAll(quiet)).as(quiet).isEmpty();
    }
  }

  @Test
  void theCatalogListsEveryFamilyOnce() {
    assertThat(new SshdParser().families()).doesNotHaveDuplicates().hasSize(21)
        .allMatch(f -> f.service() == Service.SSHD && f.id().startsWith("sshd."));
    assertThat(ParserCatalog.standard().parser(Service.SSHD)).isInstanceOf(SshdParser.class);
    assertThat(ParserCatalog.standard().parser(Service.DROPBEAR)).isInstanceOf(DropbearParser.class);
  }
}
