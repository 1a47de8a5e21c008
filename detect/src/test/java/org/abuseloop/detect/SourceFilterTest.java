package org.abuseloop.detect;

import static org.abuseloop.detect.Events.SSH_FAILED;
import static org.abuseloop.detect.Events.event;
import static org.abuseloop.detect.Events.sec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sources that never produce incidents: allow-list, the host's own addresses, loopback and private unless included. */
class SourceFilterTest {

  private static final Scenario SSH = Scenario.threshold("ssh",
      EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.AUTH_FAILURE)), 2, Duration.ofMinutes(10))
      .groupedBy(Set.of(Scope.ADDRESS, Scope.PREFIX, Scope.OWNER), 1);

  private static Detector detector(Settings settings) {
    return Detector.builder(new DetectionConfig(settings, List.of(SSH)))
        .hostAddresses(List.of(IpAddress.of("203.0.113.10"), IpAddress.of("2001:db8::10")))
        .ownerLookup(a -> "Everyone")
        .build();
  }

  private static int incidents(Detector d, String source) {
    int n = 0;
    for (int i = 0; i < 10; i++) {
      n += d.accept(event(SSH_FAILED, source, sec(i))).size();
    }
    return n;
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.1",
      "100.64.0.1", "169.254.1.1", "fd00::1", "fe80::1", "203.0.113.10", "2001:db8::10", "198.51.100.77",
      "2001:db8:ffff::1"})
  void neverDetected(String source) {
    Settings s = Settings.defaults().withAllow(List.of(IpPrefix.parse("198.51.100.0/24"), IpPrefix.parse("2001:db8:ffff::/48")));
    assertThat(incidents(detector(s), source)).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.1.2.3", "192.168.1.1", "fd00::1"})
  void privateSourcesWhenIncluded(String source) {
    assertThat(incidents(detector(Settings.defaults().withPrivateAndLoopback(true, false)), source)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.2", "::1"})
  void loopbackSourcesWhenIncluded(String source) {
    assertThat(incidents(detector(Settings.defaults().withPrivateAndLoopback(false, true)), source)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.10", "2001:db8::10"})
  void theHostsOwnAddressesEvenWhenEverythingIsIncluded(String source) {
    assertThat(incidents(detector(Settings.defaults().withPrivateAndLoopback(true, true)), source)).isZero();
  }

  /** A host with many addresses (looked up in a set rather than scanned): each of them, and only them. */
  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.1", "203.0.113.40", "2001:db8::7"})
  void theAddressesOfAHostWithMany(String source) {
    List<IpAddress> many = new java.util.ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      many.add(IpAddress.of("203.0.113." + i));
    }
    many.add(IpAddress.of("2001:db8::7"));
    Detector d = Detector.builder(new DetectionConfig(Settings.defaults(), List.of(SSH))).hostAddresses(many)
        .ownerLookup(a -> "Everyone").build();
    assertThat(incidents(d, source)).isZero();
    Detector other = Detector.builder(new DetectionConfig(Settings.defaults(), List.of(SSH))).hostAddresses(many)
        .ownerLookup(a -> "Everyone").build();
    assertThat(incidents(other, "203.0.113.41")).isEqualTo(3);
  }
}
