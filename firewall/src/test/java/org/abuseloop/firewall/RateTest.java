package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.abuseloop.core.Protocol;
import org.junit.jupiter.api.Test;

class RateTest {

  @Test
  void shorewallVoipLimitIsThreePerMinute() {
    Rate r = Rate.of(3, Duration.ofSeconds(60));
    assertThat(r.nftText()).isEqualTo("3/minute");
    assertThat(r.hashlimitText()).isEqualTo("3/min");
    assertThat(r.burst()).isEqualTo(3);
  }

  @Test
  void picksTheSmallestUnitThatKeepsTheRateExact() {
    assertThat(Rate.of(10, Duration.ofSeconds(1)).nftText()).isEqualTo("10/second");
    assertThat(Rate.of(3, Duration.ofSeconds(45)).nftText()).isEqualTo("4/minute");
    assertThat(Rate.of(5, Duration.ofHours(1)).nftText()).isEqualTo("5/hour");
    assertThat(Rate.of(7, Duration.ofSeconds(11)).nftText()).isEqualTo("54982/day");
  }

  @Test
  void keepsSlowSourcesLongEnoughToCountThem() {
    assertThat(Rate.of(3, Duration.ofHours(1)).trackingTimeout()).isEqualTo(Duration.ofHours(2));
    assertThat(Rate.of(3, Duration.ofSeconds(5)).trackingTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> Rate.of(0, Duration.ofSeconds(60))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rate.of(3, Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Port(Protocol.ICMP, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Port(Protocol.UDP, 70000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RangeBlock.of("Bad Name", java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FirewallSettings.defaults().withTable("x;drop")).isInstanceOf(IllegalArgumentException.class);
  }
}
