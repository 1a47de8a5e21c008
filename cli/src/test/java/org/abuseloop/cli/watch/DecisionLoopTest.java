package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions of {@code watch}: what is banned, for how long, and what a restart keeps, on an injected clock. */
class DecisionLoopTest {

  private static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");

  @TempDir
  Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private final List<String> log = new ArrayList<>();

  @Test
  void fiveFailuresBanTheAddressOnceForTheFirstBanTime() throws Exception {
    try (WatchRig watch = new WatchRig(dir, clock, log)) {
      watch.append(WatchRig.failures("203.0.113.5", 4, T0));
      assertThat(watch.printed()).isEmpty();

      watch.append(WatchRig.failures("203.0.113.5", 8, T0.plusSeconds(4)));

      assertThat(watch.printed()).containsExactly("ban 203.0.113.5 for 10m scenario=sshd-bf offenses=1");
      assertThat(watch.banned("203.0.113.5")).isTrue();
    }
  }

  @Test
  void aRepeatOffenderIsBannedTwiceAsLongEvenAfterARestart() throws Exception {
    try (WatchRig watch = new WatchRig(dir, clock, log)) {
      watch.append(WatchRig.failures("203.0.113.5", 5, T0));
      watch.stop();
    }
    clock.advance(Duration.ofHours(3));
    try (WatchRig restarted = new WatchRig(dir, clock, log)) {
      assertThat(restarted.printed()).isEmpty();
      restarted.append(WatchRig.failures("203.0.113.5", 5, T0.plus(Duration.ofHours(3))));
      clock.advance(Duration.ofHours(3));
      restarted.append(WatchRig.failures("203.0.113.5", 5, T0.plus(Duration.ofHours(6))));

      assertThat(restarted.printed()).containsExactly(
          "ban 203.0.113.5 for 20m scenario=sshd-bf offenses=2",
          "ban 203.0.113.5 for 40m scenario=sshd-bf offenses=3");
    }
  }

  @Test
  void escalationStopsAtTheCap() throws Exception {
    WatchConfig.Bans bans = new WatchConfig.Bans(Duration.ofMinutes(10), 10, Duration.ofHours(2), true, 24, 64);
    try (WatchRig watch = new WatchRig(dir, clock, log, bans, WatchConfig.Allow.defaults())) {
      for (int round = 0; round < 3; round++) {
        watch.append(WatchRig.failures("203.0.113.5", 5, clock.instant()));
        clock.advance(Duration.ofHours(3));
      }
      assertThat(watch.printed()).containsExactly(
          "ban 203.0.113.5 for 10m scenario=sshd-bf offenses=1",
          "ban 203.0.113.5 for 1h40m scenario=sshd-bf offenses=2",
          "ban 203.0.113.5 for 2h scenario=sshd-bf offenses=3");
    }
  }

  @Test
  void aSecondScenarioOnTheSameBurstIsNotASecondOffense() throws Exception {
    try (WatchRig watch = new WatchRig(dir, clock, log)) {
      watch.append(WatchRig.failures("203.0.113.5", 30, T0)); // sshd-bf at 5, sshd-slow-bf at 11
      assertThat(watch.printed()).containsExactly("ban 203.0.113.5 for 10m scenario=sshd-bf offenses=1");
    }
  }

  @Test
  void aCampaignFromOnePrefixBansThePrefixWhenPrefixBansAreOn() throws Exception {
    try (WatchRig watch = new WatchRig(dir, clock, log)) {
      watch.append(campaign());
      assertThat(watch.printed()).containsExactly("ban 203.0.113.0/24 for 10m scenario=sshd-campaign offenses=1");
      assertThat(watch.banned("203.0.113.0/24")).isTrue();
      assertThat(watch.store.bans().find(IpPrefix.parse("203.0.113.10"))).isEmpty();
    }
  }

  @Test
  void withPrefixBansOffACampaignBansNothing() throws Exception {
    WatchConfig.Bans noPrefix = new WatchConfig.Bans(Duration.ofMinutes(10), 2, Duration.ofDays(7), false, 24, 64);
    try (WatchRig watch = new WatchRig(dir, clock, log, noPrefix, WatchConfig.Allow.defaults())) {
      watch.append(campaign());
      assertThat(watch.printed()).isEmpty();
      assertThat(watch.store.bans().activeAt(clock.instant())).isEmpty();
    }
  }

  @Test
  void ownerCampaignsAreNotBanned() throws Exception {
    WatchConfig.Bans noPrefix = new WatchConfig.Bans(Duration.ofMinutes(10), 2, Duration.ofDays(7), false, 24, 64);
    try (WatchRig watch = new WatchRig(dir, clock, log, noPrefix, WatchConfig.Allow.defaults())) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 20; i++) { // 192.0.2.x belongs to "example-cloud" in the rig's owner lookup
        lines.addAll(WatchRig.failures("192.0.2." + (10 + i % 5), 1, T0.plusSeconds(i)));
      }
      watch.append(lines);
      assertThat(watch.printed()).isEmpty();
    }
  }

  @Test
  void theAllowListPrivateRangesAndOwnAddressesAreNeverBanned() throws Exception {
    WatchConfig.Allow allow = new WatchConfig.Allow(List.of(IpPrefix.parse("203.0.113.0/28")), false);
    try (WatchRig watch = new WatchRig(dir, clock, log, WatchConfig.Bans.defaults(), allow)) {
      watch.append(WatchRig.failures("203.0.113.5", 10, T0));
      watch.append(WatchRig.failures("10.1.2.3", 10, T0));
      watch.append(WatchRig.failures("198.51.100.1", 10, T0)); // the rig's own address
      watch.append(WatchRig.failures("203.0.113.77", 10, T0));

      assertThat(watch.printed()).containsExactly("ban 203.0.113.77 for 10m scenario=sshd-bf offenses=1");
    }
  }

  @Test
  void privateRangesAreBannedWhenAllowed() throws Exception {
    try (WatchRig watch = new WatchRig(dir, clock, log, WatchConfig.Bans.defaults(), new WatchConfig.Allow(List.of(), true))) {
      watch.append(WatchRig.failures("10.1.2.3", 5, T0));
      assertThat(watch.printed()).containsExactly("ban 10.1.2.3 for 10m scenario=sshd-bf offenses=1");
    }
  }

  @Test
  void aRestartInTheMiddleOfABurstNeitherLosesNorRepeatsALine() throws Exception {
    List<String> burst = new ArrayList<>();
    for (int a = 0; a < 6; a++) {
      burst.addAll(WatchRig.failures("2001:db8:" + (20 + a) + "::7", 3, T0.plusSeconds(a)));
    }
    for (int a = 0; a < 6; a++) {
      burst.addAll(WatchRig.failures("2001:db8:" + (20 + a) + "::7", 3, T0.plusSeconds(10 + a)));
    }
    // Addresses in different /64s (no campaign). A run that is not stopped: 6 failures each, one ban each.
    List<String> once = new ArrayList<>();
    try (WatchRig straight = new WatchRig(dir.resolve("straight"), clock, once)) {
      for (int i = 0; i < burst.size(); i += 4) {
        straight.append(burst.subList(i, i + 4));
      }
      assertThat(straight.printed()).hasSize(6);
    }
    // The same burst, the process "killed" after 5 batches (no clean stop: only committed checkpoints count).
    List<String> printed = new ArrayList<>();
    for (int cut : new int[] {5, 9}) {
      try (WatchRig run = new WatchRig(dir.resolve("killed"), clock, log)) {
        for (int i = log.size(); i < Math.min(cut * 4, burst.size()); i += 4) {
          run.append(burst.subList(i, i + 4));
        }
        printed.addAll(run.printed());
      }
    }
    try (WatchRig last = new WatchRig(dir.resolve("killed"), clock, log)) {
      printed.addAll(last.printed());
    }
    assertThat(printed).containsExactlyInAnyOrderElementsOf(
        burst.stream().map(l -> l.substring(l.indexOf(" from ") + 6, l.indexOf(" port ")))
            .distinct().map(a -> "ban " + a + " for 10m scenario=sshd-bf offenses=1").toList());
  }

  private static List<String> campaign() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) { // 5 addresses of one /24, 4 failures each: none reaches sshd-bf's 5
      lines.addAll(WatchRig.failures("203.0.113." + (10 + i % 5), 1, T0.plusSeconds(i * 20L)));
    }
    return lines;
  }
}
