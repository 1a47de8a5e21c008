package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.firewall.AllowList;
import org.junit.jupiter.api.Test;

/** The start-up warm-up really goes through parsing, detection and the ban path (else it would warm nothing). */
class WarmUpTest {

  @Test
  void theSyntheticFailuresAreBannedThroughTheThrownAwayDecisionLoopAndFirewall() {
    long bans = WarmUp.run(DetectionConfig.defaults(), WatchConfig.Bans.defaults(), AllowList.builder().build(),
        new SettableClock(Instant.parse("2026-11-22T20:00:00Z")), true);

    assertThat(bans).isEqualTo(WarmUp.SOURCES);
  }

  @Test
  void anAllowListCoveringTheSyntheticSourcesBansNothing() {
    AllowList all = AllowList.builder().allow(org.abuseloop.core.IpPrefix.parse("198.19.0.0/16"))
        .allow(org.abuseloop.core.IpPrefix.parse("2001:db8::/32")).build();

    long bans = WarmUp.run(DetectionConfig.defaults(), WatchConfig.Bans.defaults(), all,
        new SettableClock(Instant.parse("2026-11-22T20:00:00Z")), false);

    assertThat(bans).isZero();
  }
}
