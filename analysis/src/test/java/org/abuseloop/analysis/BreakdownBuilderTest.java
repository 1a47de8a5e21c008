package org.abuseloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

class BreakdownBuilderTest {

  private static final Family DENY = new Family("firewall.deny", Service.FIREWALL, EventKind.CONNECTION_DENIED);
  private static final IpPrefix CLOUD = IpPrefix.parse("198.51.100.0/24");
  private static final OwnerLookup OWNERS = a -> CLOUD.contains(a) ? new SourceOwner("aws", "eu-west-1") : SourceOwner.UNKNOWN;

  private static Event deny(String source, Protocol protocol, int port, String time) {
    return new Event(Instant.parse(time), ZoneOffset.UTC, IpAddress.of(source), null, 40000, IpAddress.of("192.0.2.1"), port,
        protocol, DENY, null, new Origin("kern.log", 1, 0));
  }

  @Test
  void sharesOfPortsSourcesProvidersAndDaysAddUp() {
    BreakdownBuilder b = new BreakdownBuilder(ZoneOffset.UTC);
    // TCP 1080: 40 events from cloud 198.51.100.7 and 20 from 203.0.113.9; UDP 5060: 30 from cloud
    // 198.51.100.8; TCP 22: one event each from the ten addresses 203.0.113.100 to .109.
    for (int i = 0; i < 40; i++) {
      b.accept(deny("198.51.100.7", Protocol.TCP, 1080, "2024-03-01T10:00:00Z"));
    }
    for (int i = 0; i < 20; i++) {
      b.accept(deny("203.0.113.9", Protocol.TCP, 1080, "2024-03-02T10:00:00Z"));
    }
    for (int i = 0; i < 30; i++) {
      b.accept(deny("198.51.100.8", Protocol.UDP, 5060, "2024-03-02T23:59:59Z"));
    }
    for (int i = 0; i < 10; i++) {
      b.accept(deny("203.0.113." + (100 + i), Protocol.TCP, 22, "2024-03-03T00:00:00Z"));
    }
    Breakdown d = b.build(OWNERS, 3);

    assertThat(d.total()).isEqualTo(100);
    Breakdown.PortShare socks = d.ports().get(0);
    assertThat(socks.protocol()).isEqualTo("tcp");
    assertThat(socks.port()).isEqualTo(1080);
    assertThat(socks.count()).isEqualTo(60);
    assertThat(socks.share()).isCloseTo(0.6, within(1e-9));
    assertThat(socks.sources()).isEqualTo(2);
    assertThat(socks.topShare()).isCloseTo(1.0, within(1e-9));
    assertThat(socks.top()).extracting(Breakdown.SourceShare::address).containsExactly("198.51.100.7", "203.0.113.9");
    assertThat(socks.top().get(0).share()).isCloseTo(40.0 / 60, within(1e-9));
    assertThat(socks.top().get(0).provider()).isEqualTo("aws");
    assertThat(socks.top().get(0).region()).isEqualTo("eu-west-1");
    assertThat(socks.providers()).containsExactly(
        new Breakdown.ProviderShare("aws", 40, 40.0 / 60), new Breakdown.ProviderShare(null, 20, 20.0 / 60));

    assertThat(d.ports()).extracting(Breakdown.PortShare::port).containsExactly(1080, 5060, 22);
    Breakdown.PortShare ssh = d.ports().get(2);
    assertThat(ssh.sources()).isEqualTo(10);
    assertThat(ssh.top()).hasSize(BreakdownBuilder.TOP_PER_PORT);

    assertThat(d.sources()).extracting(Breakdown.SourceShare::address).containsExactly("198.51.100.7", "198.51.100.8", "203.0.113.9");
    assertThat(d.providers()).containsExactly(
        new Breakdown.ProviderTotal("aws", 70, 0.7, 2), new Breakdown.ProviderTotal(null, 30, 0.3, 11));
    assertThat(d.daily()).containsExactly(
        new Breakdown.DayCount(LocalDate.parse("2024-03-01"), 40),
        new Breakdown.DayCount(LocalDate.parse("2024-03-02"), 50),
        new Breakdown.DayCount(LocalDate.parse("2024-03-03"), 10));
  }

  @Test
  void daysFollowTheZoneOfTheAnalysis() {
    BreakdownBuilder b = new BreakdownBuilder(ZoneOffset.ofHours(2));
    b.accept(deny("203.0.113.9", Protocol.TCP, 22, "2024-03-02T23:00:00Z"));
    assertThat(b.build(OwnerLookup.NONE, 10).daily()).containsExactly(new Breakdown.DayCount(LocalDate.parse("2024-03-03"), 1));
  }

  @Test
  void eventsWithoutPortOrAddressStillCount() {
    BreakdownBuilder b = new BreakdownBuilder(ZoneOffset.UTC);
    Family invalid = new Family("sshd.invalid-user", Service.SSHD, EventKind.UNKNOWN_USER);
    b.accept(new Event(Instant.parse("2024-03-02T10:00:00Z"), ZoneOffset.UTC, null, "scanner.example.net", 0, null, 0,
        Protocol.UNKNOWN, invalid, "root", new Origin("auth.log", 1, 0)));
    Breakdown d = b.build(OwnerLookup.NONE, 10);
    assertThat(d.total()).isEqualTo(1);
    assertThat(d.ports()).singleElement().satisfies(p -> {
      assertThat(p.port()).isNull();
      assertThat(p.protocol()).isNull();
      assertThat(p.count()).isEqualTo(1);
      assertThat(p.sources()).isZero();
    });
    assertThat(d.sources()).isEmpty();
  }
}
