package org.abuseloop.logs.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

/** sshd lines read as one log: failures whose client is on another line of the same connection (pid). */
class SshConnectionsTest {

  private static final IpAddress CLIENT = IpAddress.of("198.51.100.7");

  private static String at(String time, int pid, String message) {
    return "Jun 12 " + time + " host sshd[" + pid + "]: " + message;
  }

  @Test
  void aFailureWithoutItsClientTakesItFromTheConnectionLine() {
    List<Event> events = LogLines.parse(
        at("10:00:00", 26713, "Connection from 198.51.100.7 port 51353 on 192.0.2.2 port 22"),
        at("10:00:03", 26713, "Disconnecting: Too many authentication failures for root [preauth]"));
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.family()).isEqualTo(SshdFamilies.MAX_ATTEMPTS);
    assertThat(e.source()).isEqualTo(CLIENT);
    assertThat(e.sourcePort()).isEqualTo(51353);
    assertThat(e.target()).isEqualTo(IpAddress.of("192.0.2.2"));
    assertThat(e.targetPort()).isEqualTo(22);
    assertThat(e.user()).isEqualTo("root");
    assertThat(e.origin().line()).isEqualTo(2);
  }

  @Test
  void aFailureBeforeItsClientIsReportedWhenTheConnectionEnds() {
    List<Event> events = LogLines.parse(
        at("10:00:00", 424228, "error: kex_exchange_identification: Connection closed by remote host"),
        at("10:00:00", 424228, "Connection closed by 198.51.100.7 port 35352"));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).family()).isEqualTo(SshdFamilies.BAD_BANNER);
    assertThat(events.get(0).source()).isEqualTo(CLIENT);
    assertThat(events.get(0).origin().line()).isEqualTo(2);
  }

  @Test
  void anotherProcessDoesNotLendItsClient() {
    assertThat(LogLines.parse(
        at("10:00:00", 100, "Connection from 198.51.100.7 port 1 on 192.0.2.2 port 22"),
        at("10:00:01", 101, "fatal: Unable to negotiate a key exchange method [preauth]"),
        at("10:00:02", 102, "Disconnecting: Too many authentication failures for root [preauth]"),
        at("10:00:03", 103, "Connection closed by 198.51.100.7 port 1"))).isEmpty();
  }

  @Test
  void aConnectionSilentForTenMinutesIsForgotten() {
    assertThat(LogLines.parse(
        at("10:00:00", 7, "Connection from 198.51.100.7 port 1 on 192.0.2.2 port 22"),
        at("10:20:00", 7, "fatal: Read from socket failed: Connection reset by peer [preauth]"))).isEmpty();
    assertThat(LogLines.parse(
        at("10:00:00", 7, "Connection from 198.51.100.7 port 1 on 192.0.2.2 port 22"),
        at("10:01:00", 7, "fatal: Read from socket failed: Connection reset by peer [preauth]"))).hasSize(1);
  }

  @Test
  void aNewConnectionOnAReusedPidStartsAfresh() {
    assertThat(LogLines.parse(
        at("10:00:00", 7, "User root not allowed because account is locked"),
        at("10:00:01", 7, "Connection from 198.51.100.7 port 1 on 192.0.2.2 port 22"),
        at("10:00:02", 7, "Connection closed by 198.51.100.7 port 1"))).isEmpty();
  }

  @Test
  void aLockedAccountIsReportedOnceTheClientQuits() {
    List<Event> events = LogLines.parse(
        at("10:00:00", 3719, "User root not allowed because account is locked"),
        at("10:00:00", 3719, "input_userauth_request: invalid user root [preauth]"),
        at("10:00:00", 3719, "Received disconnect from 198.51.100.7 port 58846:11: Bye Bye [preauth]"));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).family()).isEqualTo(SshdFamilies.NOT_ALLOWED);
    assertThat(events.get(0).user()).isEqualTo("root");
  }

  @Test
  void pamFailuresCountOnlyWhenTheConnectionTriesAnotherUser() {
    String pam = "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=";
    assertThat(LogLines.parse(
        at("10:00:00", 1556, pam + " rhost=198.51.100.7  user=rda"),
        at("10:00:00", 1556, pam + "rda rhost=198.51.100.7 [preauth]"),
        at("10:00:01", 1556, "Accepted password for rda from 198.51.100.7 port 52100 ssh2"),
        at("10:00:02", 1556, "Connection closed by 198.51.100.7"))).as("one user, then success").isEmpty();
    List<Event> events = LogLines.parse(
        at("10:00:00", 1558, pam + "root rhost=198.51.100.7"),
        at("10:00:01", 1558, pam + "sudoer rhost=198.51.100.7"),
        at("10:00:02", 1558, "Accepted password for known from 198.51.100.7 port 52100 ssh2"));
    assertThat(events).extracting(Event::family)
        .containsExactly(SshdFamilies.PAM_MODULE_FAILURE, SshdFamilies.LOGIN_AFTER_FAILURES);
    assertThat(events).extracting(e -> e.origin().line()).containsExactly(2L, 3L);
    assertThat(events.get(1).user()).isEqualTo("known");
  }

  @Test
  void aValidUsersRejectedKeysLendTheClientToTheFinalRefusal() {
    List<Event> events = LogLines.parse(
        at("09:16:05", 32310, "Failed publickey for git from 198.51.100.7 port 57910 ssh2: ECDSA 1e:fe:xx"),
        at("09:16:05", 32310, "Failed publickey for git from 198.51.100.7 port 57910 ssh2: RSA 14:ba:xx"),
        at("09:16:05", 32310, "Disconnecting: Too many authentication failures for git [preauth]"),
        at("09:16:05", 32310, "Connection closed by 198.51.100.7 [preauth]"));
    assertThat(events).extracting(Event::family).containsExactly(SshdFamilies.MAX_ATTEMPTS, SshdFamilies.PREAUTH_DISCONNECT);
    assertThat(events).allMatch(e -> CLIENT.equals(e.source()));
  }

  @Test
  void eachSourceHasItsOwnMemory() {
    assertThat(LogLines.parse(at("10:00:00", 9, "Connection from 198.51.100.7 port 1 on 192.0.2.2 port 22"))).isEmpty();
    assertThat(LogLines.parse(at("10:00:01", 9, "fatal: Unable to negotiate a key exchange method [preauth]"))).isEmpty();
  }

  @Test
  void theMemoryIsBoundedAndForgetsTheLeastRecentConnection() {
    List<String> lines = new ArrayList<>();
    lines.add(at("10:00:00", 1, "Connection from 198.51.100.7 port 1 on 192.0.2.2 port 22"));
    for (int pid = 2; pid <= SshdParser.REMEMBERED_CONNECTIONS + 1; pid++) {
      lines.add(at("10:00:00", pid, "Connection from 198.51.100.8 port 1 on 192.0.2.2 port 22"));
    }
    lines.add(at("10:00:01", 1, "fatal: Unable to negotiate a key exchange method [preauth]"));
    lines.add(at("10:00:01", 3, "fatal: Unable to negotiate a key exchange method [preauth]"));
    List<Event> events = LogLines.parse(lines.toArray(String[]::new));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).source()).isEqualTo(IpAddress.of("198.51.100.8"));
  }
}
