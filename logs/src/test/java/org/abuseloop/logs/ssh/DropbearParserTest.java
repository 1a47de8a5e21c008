package org.abuseloop.logs.ssh;

import static org.abuseloop.logs.ssh.LogLines.dropbear;
import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** The dropbear families, the journal stamp, and the lines that must stay quiet. */
class DropbearParserTest {

  private static final IpAddress CLIENT = IpAddress.of("198.51.100.7");

  @Test
  void badPasswordsWithTheirUserAndPort() {
    Event e = dropbear("Bad password attempt for 'root' from 198.51.100.7:5543");
    assertThat(e.family()).isEqualTo(DropbearFamilies.BAD_PASSWORD);
    assertThat(e.service()).isEqualTo(Service.DROPBEAR);
    assertThat(e.kind()).isEqualTo(EventKind.AUTH_FAILURE);
    assertThat(e.source()).isEqualTo(CLIENT);
    assertThat(e.sourcePort()).isEqualTo(5543);
    assertThat(e.protocol()).isEqualTo(Protocol.TCP);
    assertThat(e.user()).isEqualTo("root");
    assertThat(dropbear("bad password attempt for 'a' from 198.51.100.7:1").source()).isEqualTo(CLIENT);
    assertThat(dropbear("Bad PAM password attempt for 'user23' from ::ffff:198.51.100.7:55992").source()).isEqualTo(CLIENT);
    assertThat(dropbear("Bad password attempt for 'it's' from 2001:db8::5:22").source()).isEqualTo(IpAddress.of("2001:db8::5"));
  }

  @Test
  void unknownUsersWithAndWithoutTheName() {
    Event e = dropbear("Login attempt for nonexistent user from ::ffff:198.51.100.7:60495");
    assertThat(e.family()).isEqualTo(DropbearFamilies.UNKNOWN_USER);
    assertThat(e.kind()).isEqualTo(EventKind.UNKNOWN_USER);
    assertThat(e.source()).isEqualTo(CLIENT);
    assertThat(e.user()).isNull();
    assertThat(dropbear("Login attempt for nonexistent user 'oracle' from 198.51.100.7:1").user()).isEqualTo("oracle");
  }

  @Test
  void exitsBeforeAuthenticationInBothFormats() {
    Event tries = dropbear("Exit before auth from <198.51.100.7:52289>: (user 'root', 10 fails): Max auth tries reached - user 'root'");
    assertThat(tries.family()).isEqualTo(DropbearFamilies.MAX_TRIES);
    assertThat(tries.sourcePort()).isEqualTo(52289);
    assertThat(tries.user()).isEqualTo("root");
    Event old = dropbear("Exit before auth (user 'root', 10 fails): Max auth tries reached - user 'root' from 198.51.100.7:60588");
    assertThat(old.family()).isEqualTo(DropbearFamilies.MAX_TRIES);
    assertThat(old.user()).isEqualTo("root");
    Event quiet = dropbear("Exit before auth from <::ffff:198.51.100.7:46154>: Exited normally");
    assertThat(quiet.family()).isEqualTo(DropbearFamilies.EXIT_BEFORE_AUTH);
    assertThat(quiet.kind()).isEqualTo(EventKind.SCANNER);
    assertThat(quiet.source()).isEqualTo(CLIENT);
  }

  @Test
  void theStampDropbearWritesIntoTheJournalIsSkipped() {
    assertThat(dropbear("[825] Jul 10 23:53:52 Bad password attempt for 'root' from 198.51.100.7:52289").source()).isEqualTo(CLIENT);
  }

  @Test
  void linesThatAreNotAttacksGiveNothing() {
    for (String quiet : new String[] {
        "Child connection from 198.51.100.7:5555", "Password auth succeeded for 'root' from 198.51.100.7:5555",
        "Exit (root) from <198.51.100.7:5555>: Disconnect received", "Running in background",
        "Exit before auth: Exited normally", "Bad password attempt for 'root' from 198.51.100.7"}) {
      assertThat(LogLines.parse(LogLines.DROPBEAR + quiet)).as(quiet).isEmpty();
    }
  }
}
