package org.abuseloop.logs.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.TestLogs;
import org.abuseloop.logs.mail.DovecotParser;
import org.abuseloop.logs.sip.AsteriskFamilies;
import org.junit.jupiter.api.Test;

/**
 * Lines that describe one attempt fold into one event, and nothing else does: written lines of the
 * Asterisk and Dovecot formats, parsed as a file would be, then run through {@link SameAttempt} in both
 * of its modes.
 */
class SameAttemptTest {

  private static final Instant REFERENCE = Instant.parse("2025-06-01T00:00:00Z");
  private static final String ATTACKER = "203.0.113.66";
  private static final String VICTIM_OF_FRAMING = "198.51.100.7";

  private static String chanSip(String time, String address, int port, String reason) {
    return "[2025-03-14 " + time + "] NOTICE[2982] chan_sip.c: Registration from '\"1001\" <sip:1001@192.0.2.5>' failed for '"
        + address + ":" + port + "' - " + reason;
  }

  private static String pjsip(String time, String address, int port, String reason) {
    return "[2025-03-14 " + time + "] NOTICE[19388] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:1001@192.0.2.5>' failed for '"
        + address + ":" + port + "' (callid: 4d2a7f1c) - " + reason;
  }

  private static String security(String time, String event, String account, String address, int port) {
    return "[2025-03-14 " + time + "] SECURITY[2801] res_security_log.c: SecurityEvent=\"" + event
        + "\",EventTV=\"2025-03-14T" + time + ".362+0000\",Severity=\"Error\",Service=\"SIP\",EventVersion=\"2\",AccountID=\""
        + account + "\",SessionID=\"0x7f3ac0ff76c0\",LocalAddress=\"IPV4/UDP/192.0.2.5/5060\",RemoteAddress=\"IPV4/UDP/"
        + address + "/" + port + "\",Challenge=\"8e276ec7\"";
  }

  private static List<Event> parse(String... lines) {
    return TestLogs.events(REFERENCE, lines);
  }

  /** What {@link SameAttempt#accept} hands on, with the fold's count appended as the last element's check. */
  private static Run held(List<Event> events) {
    SameAttempt fold = new SameAttempt(Duration.ofSeconds(2));
    List<Event> out = new ArrayList<>();
    events.forEach(e -> fold.accept(e, out::add));
    fold.flush(out::add);
    return new Run(out, fold.folded(), fold.foldedByFamily());
  }

  private static Run immediate(List<Event> events) {
    SameAttempt fold = new SameAttempt(Duration.ZERO);
    List<Event> out = new ArrayList<>();
    for (Event e : events) {
      if (!fold.corroborates(e)) {
        out.add(e);
      }
    }
    return new Run(out, fold.folded(), fold.foldedByFamily());
  }

  record Run(List<Event> kept, long folded, Map<Family, Long> byFamily) {}

  @Test
  void chanSipWrongPasswordAndItsSecurityEventAreOneAttemptKeepingTheRicherLine() {
    List<Event> events = parse(
        chanSip("02:05:41", ATTACKER, 5071, "Wrong password"),
        security("02:05:41", "InvalidPassword", "1001", ATTACKER, 5071));
    assertThat(events).hasSize(2);
    Run run = held(events);
    assertThat(run.kept()).singleElement().satisfies(e -> {
      assertThat(e.family()).isEqualTo(AsteriskFamilies.SECURITY_INVALID_PASSWORD);
      assertThat(e.targetPort()).isEqualTo(5060);
    });
    assertThat(run.folded()).isEqualTo(1);
    assertThat(run.byFamily()).containsEntry(AsteriskFamilies.SIP_WRONG_PASSWORD, 1L);
    Run live = immediate(events);
    assertThat(live.kept()).singleElement().extracting(Event::family).isEqualTo(AsteriskFamilies.SIP_WRONG_PASSWORD);
    assertThat(live.folded()).isEqualTo(1);
  }

  @Test
  void pjsipPairsFoldAndTheSecurityEventMayFallInTheNextSecond() {
    List<Event> events = parse(
        pjsip("10:18:16", ATTACKER, 48336, "No matching endpoint found"),
        security("10:18:16", "InvalidAccountID", "1001", ATTACKER, 48336),
        pjsip("10:18:16", ATTACKER, 48336, "Failed to authenticate"),
        security("10:18:17", "ChallengeResponseFailed", "1001", ATTACKER, 48336));
    assertThat(held(events).kept()).extracting(Event::family)
        .containsExactly(AsteriskFamilies.SECURITY_INVALID_ACCOUNT, AsteriskFamilies.SECURITY_CHALLENGE_FAILED);
    assertThat(immediate(events).kept()).extracting(Event::family)
        .containsExactly(AsteriskFamilies.PJSIP_NO_ENDPOINT, AsteriskFamilies.PJSIP_AUTH_FAILED);
  }

  @Test
  void aFloodOfManyAttemptsInOneSecondIsCountedInFull() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add(chanSip("02:05:41", ATTACKER, 5071, "Wrong password"));
      lines.add(security("02:05:41", "InvalidPassword", "1001", ATTACKER, 5071));
    }
    for (int i = 0; i < 25; i++) {
      lines.add(chanSip("02:05:42", ATTACKER, 5071, "Wrong password"));
    }
    for (int i = 0; i < 25; i++) {
      lines.add(security("02:05:42", "InvalidPassword", "1001", ATTACKER, 5071));
    }
    List<Event> events = parse(lines.toArray(String[]::new));
    assertThat(events).hasSize(130);
    assertThat(held(events).kept()).hasSize(65);
    assertThat(held(events).folded()).isEqualTo(65);
    assertThat(immediate(events).kept()).hasSize(65);
  }

  @Test
  void linesOfOneFamilyAreNeverOneAttempt() {
    List<Event> events = parse(
        chanSip("02:05:41", ATTACKER, 5071, "Wrong password"),
        chanSip("02:05:41", ATTACKER, 5071, "Wrong password"),
        chanSip("02:05:41", ATTACKER, 5071, "Wrong password"));
    assertThat(held(events).kept()).hasSize(3);
    assertThat(held(events).folded()).isZero();
  }

  @Test
  void otherSourcesPortsFamiliesOrTimesDoNotFold() {
    List<Event> events = parse(
        chanSip("02:05:41", ATTACKER, 5071, "Wrong password"),
        security("02:05:41", "InvalidPassword", "1001", "203.0.113.67", 5071),
        security("02:05:41", "InvalidPassword", "1001", ATTACKER, 5099),
        security("02:05:41", "InvalidAccountID", "1001", ATTACKER, 5071),
        security("02:05:44", "InvalidPassword", "1001", ATTACKER, 5071));
    assertThat(events).hasSize(5);
    assertThat(held(events).kept()).hasSize(5);
    assertThat(immediate(events).kept()).hasSize(5);
  }

  @Test
  void amiWritesThreeLinesForAnUnknownUser() {
    List<Event> events = parse(
        "[2025-12-10 22:07:20] NOTICE[28451]: manager.c:2350 authenticate: 203.0.113.80 tried to authenticate with nonexistent user 'ZRG_1'",
        "[2025-12-10 22:07:20] NOTICE[28451]: manager.c:2387 authenticate: 203.0.113.80 failed to authenticate as 'ZRG_1'",
        "[2025-12-10 22:07:20] SECURITY[73]: res_security_log.c:114 security_event_stasis_cb: SecurityEvent=\"InvalidAccountID\","
            + "EventTV=\"2025-12-10T22:07:20.336-0600\",Severity=\"Error\",Service=\"AMI\",EventVersion=\"1\",AccountID=\"ZRG_1\","
            + "SessionID=\"0x7f5471043460\",LocalAddress=\"IPV4/TCP/192.0.2.5/5038\",RemoteAddress=\"IPV4/TCP/203.0.113.80/52112\","
            + "SessionTV=\"1969-12-31T18:00:00.000-0600\"",
        "[2025-12-10 22:07:20] NOTICE[28451]: manager.c:2387 authenticate: 203.0.113.80 failed to authenticate as 'admin'");
    assertThat(events).hasSize(4);
    // the last line is a second attempt (a wrong password, no security log line for it here)
    assertThat(held(events).kept()).extracting(Event::family)
        .containsExactly(AsteriskFamilies.SECURITY_INVALID_ACCOUNT, AsteriskFamilies.AMI_AUTH_FAILED);
    assertThat(immediate(events).kept()).extracting(Event::family)
        .containsExactly(AsteriskFamilies.AMI_UNKNOWN_USER, AsteriskFamilies.AMI_AUTH_FAILED);
  }

  @Test
  void amiLinesNamingOtherUsersAreOtherAttempts() {
    List<Event> events = parse(
        "[2025-03-14 02:17:01] NOTICE[2994] manager.c: 203.0.113.201 failed to authenticate as 'admin'",
        "[2025-03-14 02:17:02] NOTICE[2976] manager.c: 203.0.113.201 tried to authenticate with nonexistent user 'manager'");
    assertThat(held(events).kept()).hasSize(2);
    assertThat(immediate(events).kept()).hasSize(2);
  }

  @Test
  void dovecotLoginLineFoldsIntoTheAuthLinesOfItsConnection() {
    List<Event> events = parse(
        "Aug 30 00:10:41 mail dovecot: auth: sql(info@example.com,192.0.2.110,<CvN+E95Uf4e7eEnj>): Password mismatch",
        "Aug 30 00:10:49 mail dovecot: auth: sql(info@example.com,192.0.2.110,<CvN+E95Uf4e7eEnj>): Password mismatch",
        "Aug 30 00:10:57 mail dovecot: auth: sql(info@example.com,192.0.2.110,<CvN+E95Uf4e7eEnj>): Password mismatch",
        "Aug 30 00:11:05 mail dovecot: imap-login: Login aborted: Connection closed (auth failed, 3 attempts in 16 secs) (auth_failed): "
            + "user=<info@example.com>, method=PLAIN, rip=192.0.2.110, lip=192.0.2.1, TLS, session=<CvN+E95Uf4e7eEnj>",
        "Aug 30 00:11:09 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): "
            + "user=<other@example.com>, method=PLAIN, rip=192.0.2.110, lip=192.0.2.1, TLS");
    assertThat(events).hasSize(5);
    Run run = held(events);
    assertThat(run.kept()).extracting(Event::family).containsExactly(
        DovecotParser.PASSWORD_MISMATCH, DovecotParser.PASSWORD_MISMATCH, DovecotParser.PASSWORD_MISMATCH, DovecotParser.LOGIN_AUTH_FAILED);
    assertThat(run.kept().get(3).user()).isEqualTo("other@example.com");
    assertThat(run.byFamily()).containsEntry(DovecotParser.LOGIN_AUTH_FAILED, 1L);
    assertThat(immediate(events).kept()).hasSize(4);
  }

  @Test
  void heldEventsLeaveInTheirOrder() {
    List<Event> events = parse(
        chanSip("02:05:41", ATTACKER, 5071, "Wrong password"),
        "[2025-03-14 02:05:41] NOTICE[2982] chan_sip.c: hacking attempt detected '192.0.2.99'",
        security("02:05:41", "InvalidPassword", "1001", ATTACKER, 5071),
        chanSip("02:05:45", "203.0.113.70", 5071, "No matching peer found"));
    assertThat(held(events).kept()).extracting(e -> e.source().toString())
        .containsExactly(ATTACKER, "192.0.2.99", "203.0.113.70");
  }

  @Test
  void aPartnerForgedInAnAttackerFieldCannotHideAnotherSourcesAttempt() {
    // The attacker at 203.0.113.9 puts a security event naming 198.51.100.7 in the SIP user part, and a
    // chan_sip reason naming it in the AccountID: neither line may be read as 198.51.100.7's, so its
    // real attempt is still counted once.
    String forgedUser = "SecurityEvent=\"InvalidPassword\",RemoteAddress=\"IPV4/UDP/" + VICTIM_OF_FRAMING + "/5071\"";
    List<Event> events = parse(
        chanSip("02:05:41", VICTIM_OF_FRAMING, 5071, "Wrong password"),
        "[2025-03-14 02:05:41] NOTICE[2982] chan_sip.c: Registration from '\"" + forgedUser.replace("\"", "")
            + "\" <sip:x@192.0.2.5>' failed for '203.0.113.9:5060' - Wrong password",
        security("02:05:41", "InvalidPassword", "failed for '" + VICTIM_OF_FRAMING + ":5071' - Wrong password", "203.0.113.9", 5060));
    assertThat(events).extracting(e -> e.source().toString()).containsExactly(VICTIM_OF_FRAMING, "203.0.113.9", "203.0.113.9");
    Run run = held(events);
    assertThat(run.kept()).extracting(e -> e.source().toString()).containsExactlyInAnyOrder(VICTIM_OF_FRAMING, "203.0.113.9");
    assertThat(run.kept()).filteredOn(e -> e.source().equals(IpAddress.parse(VICTIM_OF_FRAMING))).hasSize(1);
  }

  @Test
  void aDovecotLoginLineWhoseUserNamesAnotherAddressFoldsNothingOfThatAddress() {
    List<Event> events = parse(
        "Aug 30 00:10:41 mail dovecot: auth: sql(rip=" + VICTIM_OF_FRAMING + ",198.51.100.7,<a1>): Password mismatch",
        "Aug 30 00:10:43 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): "
            + "user=<rip=" + VICTIM_OF_FRAMING + ", lip=192.0.2.1>, method=PLAIN, rip=203.0.113.9, lip=192.0.2.1, TLS");
    assertThat(events).extracting(e -> e.source().toString()).containsExactly(VICTIM_OF_FRAMING, "203.0.113.9");
    assertThat(held(events).kept()).hasSize(2);
    assertThat(immediate(events).kept()).hasSize(2);
  }

  @Test
  void anAttackerWhoForgesPartnerLinesStillCountsAtLeastOncePerRealAttempt() {
    // Whatever extra lines of the partner family a source causes, each real line of one family stays.
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(chanSip("02:05:41", ATTACKER, 5071, "Wrong password"));
    }
    for (int i = 0; i < 30; i++) {
      lines.add(security("02:05:41", "InvalidPassword", "1001", ATTACKER, 5071));
    }
    Run run = held(parse(lines.toArray(String[]::new)));
    assertThat(run.kept()).hasSize(30);
    assertThat(run.kept()).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void everyFamilyOfAGroupIsOneTheParsersKnow() {
    assertThat(SameAttempt.groups()).allSatisfy(g -> {
      assertThat(g).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
      assertThat(g).allSatisfy(f -> assertThat(AsteriskFamilies.ALL.contains(f) || new DovecotParser().families().contains(f)).isTrue());
    });
  }

  @Test
  void aSourceFloodingOneFamilyKeepsOnlyItsRecentAttemptsQueued() {
    // pjsip "No matching endpoint" every 100 ms for 100 s and never the security event it waits for: the
    // attempts older than the 1 s window are forgotten and must not stay queued behind the newest ones.
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add(pjsip(String.format("02:%02d:%02d", 10 + i / 600, (i / 10) % 60), ATTACKER, 5071, "No matching endpoint found"));
    }
    List<Event> events = parse(lines.toArray(String[]::new));
    assertThat(events).hasSize(1000);
    SameAttempt fold = new SameAttempt(Duration.ofSeconds(2));
    List<Event> out = new ArrayList<>();
    events.forEach(e -> fold.accept(e, out::add));
    assertThat(fold.queued()).isBetween(1, 40);
    Event partner = parse(security("02:11:39", "InvalidAccountID", "1001", ATTACKER, 5071)).get(0);
    fold.accept(partner, out::add);
    fold.flush(out::add);
    assertThat(fold.folded()).isEqualTo(1);
    assertThat(out).hasSize(1000);
  }
}
