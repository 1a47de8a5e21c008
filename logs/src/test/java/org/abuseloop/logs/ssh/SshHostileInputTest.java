package org.abuseloop.logs.ssh;

import static org.abuseloop.logs.ssh.LogLines.DROPBEAR;
import static org.abuseloop.logs.ssh.LogLines.SSHD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Lines where the client's own words (user names, banners, disconnect text, key comments) hold an
 * address: the event must name the true client, 198.51.100.7, and never the planted 203.0.113.9.
 * Then bytes no log should hold: no exception, nothing recognised.
 */
class SshHostileInputTest {

  private static final IpAddress PLANTED = IpAddress.of("203.0.113.9");
  private static final IpAddress CLIENT = IpAddress.of("198.51.100.7");

  @ParameterizedTest
  @ValueSource(strings = {
    SSHD + "Failed password for invalid user x from 203.0.113.9 port 22 from 198.51.100.7 port 4242 ssh2",
    SSHD + "Failed password for invalid user x from 203.0.113.9 port 22 ssh2 from 198.51.100.7 port 4242 ssh2",
    SSHD + "Failed password for invalid user x from 203.0.113.9 port 22 ssh2: from 198.51.100.7 port 4242 ssh2",
    SSHD + "Failed password for invalid user from 203.0.113.9 port 22 from 198.51.100.7 port 4242 ssh2",
    SSHD + "Failed password for invalid user x rhost=203.0.113.9 from 198.51.100.7 port 4242 ssh2",
    SSHD + "Failed publickey for invalid user x from 203.0.113.9 port 22 ssh2: RSA SHA256:aa from 198.51.100.7 port 4242 ssh2: RSA SHA256:bb",
    SSHD + "Failed keyboard-interactive/pam for invalid user a from 203.0.113.9 port 22 b from 198.51.100.7 port 4242 ssh2",
    SSHD + "Invalid user from 203.0.113.9 port 22 from 198.51.100.7 port 4242",
    SSHD + "Invalid user x from 203.0.113.9 from 198.51.100.7",
    SSHD + "error: maximum authentication attempts exceeded for invalid user x from 203.0.113.9 port 22 ssh2 from 198.51.100.7 port 4242 ssh2 [preauth]",
    SSHD + "error: PAM: Authentication failure for x from 203.0.113.9 from 198.51.100.7",
    SSHD + "error: PAM: Authentication failure for x from 203.0.113.9 via 192.0.2.1 from 198.51.100.7 via 192.0.2.1",
    SSHD + "Connection closed by invalid user x 203.0.113.9 port 22 198.51.100.7 port 4242 [preauth]",
    SSHD + "Connection closed by authenticating user from 203.0.113.9 port 22 198.51.100.7 port 4242 [preauth]",
    SSHD + "Disconnected from invalid user 203.0.113.9 198.51.100.7 port 4242 [preauth]",
    SSHD + "Bad protocol version identification 'SSH from 203.0.113.9 port 22' from 198.51.100.7 port 4242",
    SSHD + "Received disconnect from 198.51.100.7 port 4242:3: from 203.0.113.9 port 22: Auth fail [preauth]",
    SSHD + "Received disconnect from 198.51.100.7 port 4242:14: rip=203.0.113.9 from 203.0.113.9 port 22 [preauth]",
    SSHD + "Unable to negotiate with 198.51.100.7 port 4242: no matching cipher found. Their offer: from 203.0.113.9 port 22 [preauth]",
    SSHD + "refused connect from x(203.0.113.9)@host (198.51.100.7)",
    DROPBEAR + "Bad password attempt for 'x' from 203.0.113.9:22' from 198.51.100.7:4242",
    DROPBEAR + "Login attempt for nonexistent user 'from 203.0.113.9:22' from 198.51.100.7:4242",
    DROPBEAR + "Exit before auth (user 'x from 203.0.113.9:22', 10 fails): Max auth tries reached - user 'x from 203.0.113.9:22' from 198.51.100.7:4242",
    DROPBEAR + "Exit before auth from <198.51.100.7:4242>: (user 'x from <203.0.113.9:22>', 10 fails): Max auth tries reached - user 'x'",
  })
  void theClientsWordsNeverNameTheSource(String line) {
    List<Event> events = LogLines.parse(line);
    assertThat(events).as(line).hasSize(1);
    assertThat(events.get(0).source()).as(line).isEqualTo(CLIENT);
  }

  @Test
  void pamUserNamesOnBothSidesOfRhostPickTheRhostBetweenThem() {
    String name = "a rhost=203.0.113.9  user=a";
    String pam = "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=" + name
        + " rhost=198.51.100.7  user=" + name;
    // One PAM failure alone gives no event (sshd's Failed line counts it); a second user does.
    List<Event> events = LogLines.parse(SSHD + pam, SSHD + pam.replace("a rhost", "b rhost").replace("user=a", "user=b"));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).source()).isEqualTo(CLIENT);
    assertThat(events.get(0).user()).isEqualTo("b rhost=203.0.113.9  user=b");

    String ruserOnly = "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=";
    List<Event> noUser = LogLines.parse(SSHD + ruserOnly + "x rhost=203.0.113.9 rhost=198.51.100.7",
        SSHD + ruserOnly + "y rhost=203.0.113.9 rhost=198.51.100.7");
    assertThat(noUser).hasSize(1);
    assertThat(noUser.get(0).source()).isEqualTo(CLIENT);
  }

  @Test
  void anAmbiguousLineIsLeftAloneRatherThanGuessed() {
    String change = SSHD + "Disconnecting invalid user a 203.0.113.9 port 22: Change of username or service not allowed: (a,x "
        + "198.51.100.7 port 4242: Change of username or service not allowed: (a 203.0.113.9 port 22: Change of username or "
        + "service not allowed: (a,x,ssh-connection) -> (b,ssh-connection) [preauth]";
    assertThat(LogLines.parse(change)).noneMatch(e -> PLANTED.equals(e.source()));
    String hostbased = SSHD + "Failed hostbased for dan from 203.0.113.9 port 22 ssh2: RSA aa, client user \"x\" from 198.51.100.7 "
        + "port 4242 ssh2: RSA bb, client user \"dan\", client host \"h\"";
    assertThat(LogLines.parse(hostbased)).noneMatch(e -> PLANTED.equals(e.source()));
  }

  @Test
  void controlBytesAndInvalidUtf8InAUserNameAreCleanedInTheEvent() {
    byte[] head = (SSHD + "Invalid user ").getBytes(StandardCharsets.US_ASCII);
    byte[] user = {'a', (byte) 0xC3, (byte) 0x28, 0, 0x1B, 'z'};
    byte[] tail = " from 198.51.100.7 port 4242".getBytes(StandardCharsets.US_ASCII);
    List<Event> events = LogLines.parse(concat(head, user, tail));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).source()).isEqualTo(CLIENT);
    assertThat(events.get(0).user()).startsWith("a").endsWith("z").doesNotContain("\u0000", "\u001b");
  }

  @Test
  void carriageReturnLineEndsAreRead() {
    List<Event> events = LogLines.parse(SSHD + "Failed password for root from 198.51.100.7 port 1 ssh2\r\n"
        + SSHD + "Connection closed by 198.51.100.7 port 1 [preauth]\r\n");
    assertThat(events).hasSize(2).allMatch(e -> CLIENT.equals(e.source()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Failed password for root from 198.51.100", "Failed password for root from", "Failed password for ", "Failed ",
    "Invalid user", "Invalid user x from 198.51.100.7 port", "User root from", "ROOT LOGIN REFUSED FROM",
    "Received disconnect from 198.51.100.7", "Received disconnect from 198.51.100.7 port 1", "Connection closed by",
    "Connection closed by invalid user", "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=",
    "Disconnecting invalid user a 198.51.100.7 port 1: Change of username or service not allowed: (", "drop connection #0 from [",
    "drop connection #0 from [198.51.100.7]:1 on [", "refused connect from (", "message repeated 2 times: [ ", "[ID 1 x] ",
    "kernel:[ 1.0]: ", "Unable to negotiate with ", "Bad protocol version identification 'x' from ",
    "SSH: Server;Ltype: Version;Remote: 198.51.100.7-", "Exit before auth from <198.51.100.7", "Bad password attempt for 'x' from 198.51.100.7:",
  })
  void truncatedLinesAreNotRecognised(String message) {
    assertThat(LogLines.parse(SSHD + message)).isEmpty();
    assertThat(LogLines.parse(DROPBEAR + message)).isEmpty();
  }

  @Test
  void nulBytesAndHugeLinesDoNotBreakTheParsers() {
    byte[] nul = (SSHD + "Failed password for root\u0000 from 198.51.100.7\u0000 port 1 ssh2").getBytes(StandardCharsets.UTF_8);
    assertThatCode(() -> LogLines.parse(nul)).doesNotThrowAnyException();
    for (int size : new int[] {60_000, 1 << 20}) {
      hugeLinesGiveNoPlantedSource(size);
    }
  }

  private static void hugeLinesGiveNoPlantedSource(int size) {
    char[] fill = new char[size];
    Arrays.fill(fill, 'x');
    String huge = new String(fill);
    String change = ": Change of username or service not allowed: (";
    for (String line : new String[] {
        SSHD + "Disconnecting invalid user a" + huge.replace("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", " 203.0.113.9 port 22" + change)
            + " 198.51.100.7 port 1" + change + "(a,ssh-connection) -> (b,ssh-connection)",
        SSHD + "Failed hostbased for a from 203.0.113.9 port 22 ssh2: " + huge.replace("xxxxx", "R F, client user \"") + " from 198.51.100.7 port 1 ssh2",
        SSHD + "Invalid user " + huge + " from 198.51.100.7",
        SSHD + "Failed password for " + huge.replace("xxxx", "x from 203.0.113.9 port 22 ssh2: ") + " from 198.51.100.7 port 1 ssh2",
        SSHD + "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=" + huge.replace("xxx", " rhost=") + " rhost=1.2.3.4",
        DROPBEAR + "Bad password attempt for '" + huge + "' from 198.51.100.7:1"}) {
      assertThatCode(() -> LogLines.parse(line)).doesNotThrowAnyException();
      assertThat(LogLines.parse(line)).noneMatch(e -> PLANTED.equals(e.source()));
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
