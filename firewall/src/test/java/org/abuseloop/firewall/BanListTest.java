package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.firewall.BanOutcome.Status;
import org.abuseloop.firewall.SetChange.Kind;
import org.junit.jupiter.api.Test;

class BanListTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final BanList bans = new BanList(clock, Duration.ofDays(20));

  @Test
  void firstBanAddsTheElementWithItsTimeout() {
    BanList.Plan plan = bans.ban(p("192.0.2.1"), HOUR);
    assertThat(plan.changes()).containsExactly(SetChange.add(p("192.0.2.1"), 3_600_000));
    assertThat(plan.outcome().status()).isEqualTo(Status.APPLIED);
    assertThat(plan.outcome().until()).isEqualTo(clock.instant().plus(HOUR));
    assertThat(bans.list()).extracting(Ban::target).containsExactly(p("192.0.2.1"));
  }

  @Test
  void aShorterRepeatChangesNothingAndALongerOneRenews() {
    bans.ban(p("192.0.2.1"), HOUR);
    clock.advance(Duration.ofMinutes(10));
    assertThat(bans.ban(p("192.0.2.1"), Duration.ofMinutes(5)).changes()).isEmpty();
    BanList.Plan longer = bans.ban(p("192.0.2.1"), HOUR);
    assertThat(longer.changes()).containsExactly(SetChange.renew(p("192.0.2.1"), 3_600_000));
    assertThat(bans.list().get(0).since()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
  }

  @Test
  void expiryFollowsTheInjectedClockAndTheGraceDecidesAddOrRenew() {
    bans.ban(p("2001:db8::1"), HOUR);
    clock.advance(HOUR);
    assertThat(bans.list()).isEmpty();
    assertThat(bans.ban(p("2001:db8::1"), HOUR).changes()).extracting(SetChange::kind).containsExactly(Kind.RENEW);
    clock.advance(HOUR.plus(BanList.GRACE));
    assertThat(bans.ban(p("2001:db8::1"), HOUR).changes()).extracting(SetChange::kind).containsExactly(Kind.ADD);
  }

  @Test
  void clampsBansToTheLongestTimeout() {
    BanList.Plan plan = bans.ban(p("192.0.2.1"), Duration.ofDays(365));
    assertThat(plan.changes().get(0).timeoutMillis()).isEqualTo(Duration.ofDays(20).toMillis());
  }

  @Test
  void aNetworkBanInsideABannedNetworkIsAbsorbed() {
    bans.ban(p("198.51.100.0/24"), HOUR);
    BanList.Plan inside = bans.ban(p("198.51.100.128/25"), Duration.ofMinutes(30));
    assertThat(inside.changes()).isEmpty();
    assertThat(inside.outcome().status()).isEqualTo(Status.UNCHANGED);
    assertThat(inside.outcome().detail()).contains("198.51.100.0/24");
    BanList.Plan longer = bans.ban(p("198.51.100.128/25"), Duration.ofHours(2));
    assertThat(longer.changes()).containsExactly(SetChange.renew(p("198.51.100.0/24"), 7_200_000));
    assertThat(bans.list()).extracting(Ban::target).containsExactly(p("198.51.100.0/24"));
  }

  @Test
  void aWiderNetworkBanReplacesTheNarrowerOnesAndKeepsTheLongestEnd() {
    bans.ban(p("198.51.100.0/25"), HOUR);
    bans.ban(p("198.51.100.128/26"), HOUR);
    bans.ban(p("198.51.101.0/24"), HOUR);
    BanList.Plan wide = bans.ban(p("198.51.100.0/24"), Duration.ofMinutes(90));
    assertThat(wide.changes()).containsExactly(SetChange.remove(p("198.51.100.0/25")),
        SetChange.remove(p("198.51.100.128/26")), SetChange.add(p("198.51.100.0/24"), 5_400_000));
    assertThat(bans.list()).extracting(Ban::target).containsExactly(p("198.51.100.0/24"), p("198.51.101.0/24"));
  }

  @Test
  void hostBansAndNetworkBansLiveApart() {
    bans.ban(p("198.51.100.0/24"), HOUR);
    BanList.Plan host = bans.ban(p("198.51.100.9"), HOUR);
    assertThat(host.changes()).containsExactly(SetChange.add(p("198.51.100.9"), 3_600_000));
    assertThat(bans.list()).hasSize(2);
  }

  @Test
  void unbanRemovesTheBanAndEverythingInsideAPrefix() {
    bans.ban(p("203.0.113.5"), HOUR);
    bans.ban(p("203.0.113.6"), HOUR);
    bans.ban(p("203.0.113.64/26"), HOUR);
    bans.ban(p("192.0.2.1"), HOUR);
    assertThat(bans.unban(p("203.0.113.5")).changes()).containsExactly(SetChange.remove(p("203.0.113.5")));
    BanList.Plan all = bans.unban(p("203.0.113.0/24"));
    assertThat(all.changes()).containsExactlyInAnyOrder(SetChange.remove(p("203.0.113.6")), SetChange.remove(p("203.0.113.64/26")));
    assertThat(bans.list()).extracting(Ban::target).containsExactly(p("192.0.2.1"));
  }

  @Test
  void unbanOfAnAddressInsideABannedNetworkChangesNothingAndSaysWhy() {
    bans.ban(p("198.51.100.0/24"), HOUR);
    BanList.Plan plan = bans.unban(p("198.51.100.0"));
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.outcome().detail()).contains("inside 198.51.100.0/24");
    assertThat(bans.list()).hasSize(1);
    assertThat(bans.unban(p("192.0.2.1")).outcome().detail()).isEqualTo("not banned");
  }

  @Test
  void forgetDropsAFailedBanOnlyWhenNothingNewerReplacedIt() {
    Instant until = bans.ban(p("192.0.2.1"), HOUR).outcome().until();
    bans.ban(p("192.0.2.1"), Duration.ofHours(2));
    bans.forget(p("192.0.2.1"), until);
    assertThat(bans.list()).hasSize(1);
    bans.forget(p("192.0.2.1"), clock.instant().plus(Duration.ofHours(2)));
    assertThat(bans.list()).isEmpty();
  }

  @Test
  void sweepsExpiredEntriesAsBansKeepComing() {
    for (int i = 0; i < 5000; i++) {
      bans.ban(IpPrefix.parse("192.0." + (i >> 8) + "." + (i & 255)), Duration.ofSeconds(1));
      clock.advance(Duration.ofMillis(10));
    }
    assertThat(bans.list().size()).isLessThan(200);
  }

  private static IpPrefix p(String s) {
    return IpPrefix.parse(s);
  }
}
