package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.firewall.AllowList;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.FirewallSettings;
import org.abuseloop.store.Ban;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the decision thread does with bans set or lifted by hand while it runs, on an injected clock. */
class HandBanDecisionTest {

  private static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");

  @TempDir
  Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private final List<String> log = new ArrayList<>();

  @Test
  void anUnbanByHandIsForgottenSoTheNextIncidentBansAgainAsASecondOffense() throws Exception {
    try (WatchRig watch = new WatchRig(dir, clock, log)) {
      watch.append(WatchRig.failures("203.0.113.5", 5, T0));
      clock.advance(Duration.ofMinutes(1));
      watch.append(WatchRig.failures("203.0.113.5", 5, clock.instant()));
      assertThat(watch.printed()).as("still banned: no second offense").hasSize(1);

      watch.store.bans().removeByHand(IpPrefix.parse("203.0.113.5"), clock.instant());
      watch.byHand(HandBan.lifted(IpPrefix.parse("203.0.113.0/24"), 0));
      clock.advance(Duration.ofMinutes(1));
      watch.append(WatchRig.failures("203.0.113.5", 5, clock.instant()));

      assertThat(watch.printed()).hasSize(2).first().isEqualTo("ban 203.0.113.5 for 10m scenario=sshd-bf offenses=1");
      assertThat(watch.printed().get(1)).as("whichever scenario fires first").matches("ban 203\\.0\\.113\\.5 for 20m scenario=sshd-(slow-)?bf offenses=2");
    }
  }

  /** A rig whose bans go to a dry-run firewall, whose scripts show the length the kernel gets. */
  private WatchRig rigWithFirewall() throws InterruptedException {
    firewall = Firewall.dryRun(new PrintStream(scripts, true, StandardCharsets.UTF_8), FirewallSettings.defaults(),
        AllowList.builder().build(), clock);
    return new WatchRig(dir, clock, log, WatchConfig.Bans.defaults(), WatchConfig.Allow.defaults(), firewall);
  }

  private final ByteArrayOutputStream scripts = new ByteArrayOutputStream();
  private Firewall firewall;

  @AfterEach
  void closeFirewall() {
    if (firewall != null) {
      firewall.close();
    }
  }

  private void awaitScript(String text) throws InterruptedException {
    for (int i = 0; i < 500 && !scripts.toString(StandardCharsets.UTF_8).contains(text); i++) {
      Thread.sleep(10);
    }
    assertThat(scripts.toString(StandardCharsets.UTF_8)).contains(text);
  }

  @Test
  void aBanByHandIsInForceForTheDetectorAndCountsForEscalation() throws Exception {
    try (WatchRig watch = rigWithFirewall()) {
      Ban manual = watch.store.bans().recordByHand(IpPrefix.parse("203.0.113.8"), "manual", clock.instant(), Duration.ofMinutes(30));
      watch.byHand(new HandBan(manual.target(), manual.expires(), manual.offenses()));
      watch.append(WatchRig.failures("203.0.113.8", 5, clock.instant()));
      assertThat(watch.printed()).as("banned by hand already").isEmpty();

      clock.advance(Duration.ofHours(1));
      watch.append(WatchRig.failures("203.0.113.8", 5, clock.instant()));
      awaitScript("ban4 { 203.0.113.8 timeout 1200s }"); // the kernel gets the second offense's length too
    }
  }

  @Test
  void aBanAndItsLiftSeenInOneLookStillCountTheOffense() throws Exception {
    try (WatchRig watch = rigWithFirewall()) {
      IpPrefix target = IpPrefix.parse("203.0.113.9");
      watch.store.bans().recordByHand(target, "manual", clock.instant(), Duration.ofHours(1));
      watch.store.bans().removeByHand(target, clock.instant());
      watch.byHand(new HandBan(target, clock.instant(), 1)); // the guard's view: lifted at once
      watch.byHand(HandBan.lifted(target, 1));
      watch.append(WatchRig.failures("203.0.113.9", 5, clock.instant()));
      awaitScript("ban4 { 203.0.113.9 timeout 1200s }");
    }
  }
}
