package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** Each FreeSWITCH message family, in the heads FreeSWITCH writes: family, kind, source, user. */
class FreeswitchParserTest {

  private static Event event(String line) {
    Event e = ParsedLines.event(line);
    assertThat(e).as("no event for: %s", line).isNotNull();
    assertThat(e.service()).isEqualTo(Service.FREESWITCH);
    return e;
  }

  @Test
  void readsAuthFailuresAndChallenges() {
    Event failure = event("2024-05-01 10:00:00.767815 [WARNING] sofia_reg.c:1478 SIP auth failure (REGISTER) on sofia profile "
        + "'internal' for [1001@pbx.example.org] from ip 198.51.100.7");
    assertThat(failure.family()).isEqualTo(FreeswitchFamilies.SIP_AUTH_FAILURE);
    assertThat(failure.kind()).isEqualTo(EventKind.AUTH_FAILURE);
    assertThat(failure.sourceText()).isEqualTo("198.51.100.7");
    assertThat(failure.user()).isEqualTo("1001");
    assertThat(failure.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00.767815Z"));

    Event challenge = event("2024-05-01 10:00:00.767815 [WARNING] sofia_reg.c:1533 SIP auth challenge (INVITE) on sofia profile "
        + "'external' for [011448708752617@192.0.2.5] from ip 198.51.100.8");
    assertThat(challenge.family()).isEqualTo(FreeswitchFamilies.SIP_AUTH_CHALLENGE);
    assertThat(challenge.user()).isEqualTo("011448708752617");
    assertThat(challenge.sourceText()).isEqualTo("198.51.100.8");
  }

  @Test
  void readsUnknownUsers() {
    Event e = event("2024-05-01 10:00:00.385000 96.03% [WARNING] sofia_reg.c:3223 Can't find user [2501@192.0.2.5] from 198.51.100.9");
    assertThat(e.family()).isEqualTo(FreeswitchFamilies.SIP_UNKNOWN_USER);
    assertThat(e.kind()).isEqualTo(EventKind.UNKNOWN_USER);
    assertThat(e.user()).isEqualTo("2501");
    assertThat(e.sourceText()).isEqualTo("198.51.100.9");
    Event v6 = event("2024-05-01 10:00:00.385000 [WARNING] sofia_reg.c:2889 Can't find user [201@::1] from 2001:db8::9");
    assertThat(v6.source()).isEqualTo(IpAddress.of("2001:db8::9"));
  }

  @Test
  void readsAclRejectionsButNotTheFallBackToDigestAuth() {
    Event acl = event("2024-05-01 10:00:00.504993 [WARNING] sofia.c:10667 IP 198.51.100.10 Rejected by acl \"domains\"");
    assertThat(acl.family()).isEqualTo(FreeswitchFamilies.ACL_REJECTED);
    assertThat(acl.kind()).isEqualTo(EventKind.ACL_REJECT);
    assertThat(acl.sourceText()).isEqualTo("198.51.100.10");
    Event register = event("2024-05-01 10:00:00.504993 96.80% [WARNING] sofia_reg.c:3223 IP 198.51.100.11 Rejected by register acl");
    assertThat(register.family()).isEqualTo(FreeswitchFamilies.REGISTER_ACL_REJECTED);
    assertThat(ParsedLines.event("2024-05-01 10:00:00.767815 [DEBUG] sofia.c:7954 IP 198.51.100.12 Rejected by acl \"domains\". "
        + "Falling back to Digest auth.")).isNull();
  }

  @Test
  void readsTheOtherHeadsFreeswitchWrites() {
    Event uuid = event("0d6c2a3e-51b7-4e4c-9a60-7f3f2c1b9d10 2024-05-01 10:00:00.100000 97.10% [WARNING] sofia.c:10667 "
        + "IP 198.51.100.13 Rejected by acl \"domains\"");
    assertThat(uuid.sourceText()).isEqualTo("198.51.100.13");
    Event bracketed = event("05-01 10:00:00.026292 [WARN] [SOFIA] [sofia_reg.c:4130] Can't find user [101@192.0.2.5] from 198.51.100.14");
    assertThat(bracketed.sourceText()).isEqualTo("198.51.100.14");
    assertThat(bracketed.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00.026292Z"));
    Event syslog = event("2024-05-01T10:00:00.150982 pbx freeswitch[122921]: 2024-05-01 09:59:59.150982 82.43% [WARNING] "
        + "sofia_reg.c:1720 SIP auth failure (INVITE) on sofia profile 'sip1' for [9810@::1] from ip 198.51.100.15");
    assertThat(syslog.sourceText()).isEqualTo("198.51.100.15");
    assertThat(syslog.time()).as("the frame's time").isEqualTo(Instant.parse("2024-05-01T10:00:00.150982Z"));
  }

  @Test
  void ignoresOrdinaryLines() {
    assertThat(ParsedLines.events(
        "2024-05-01 10:00:00.100000 [NOTICE] switch_channel.c:1104 New Channel sofia/internal/1001@198.51.100.20 [uuid]",
        "2024-05-01 10:00:00.200000 [INFO] sofia_reg.c:1830 Registered 1001@pbx from ip 198.51.100.21",
        "2024-05-01 10:00:00.300000 [WARNING] sofia_reg.c:1478 SIP auth failure (REGISTER) on sofia profile 'internal' for [1001@pbx]",
        "2024-05-01 10:00:00.400000 [WARNING] mod_sofia.c:1 IP 198.51.100.22 was seen"))
        .isEmpty();
  }

  @Test
  void declaresEveryFamilyItCanProduceUnderItsService() {
    assertThat(new FreeswitchParser().families()).hasSize(5).doesNotHaveDuplicates()
        .allSatisfy(f -> assertThat(f.service()).isEqualTo(Service.FREESWITCH));
  }
}
