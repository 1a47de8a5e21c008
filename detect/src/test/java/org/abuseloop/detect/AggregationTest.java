package org.abuseloop.detect;

import static org.abuseloop.detect.Events.SSH_FAILED;
import static org.abuseloop.detect.Events.drop;
import static org.abuseloop.detect.Events.event;
import static org.abuseloop.detect.Events.sec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** The same scenarios keyed by prefix and by network owner: campaigns of addresses each under the threshold. */
class AggregationTest {

  private static final EventFilter SSH = EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.AUTH_FAILURE));
  private static final Scenario PER_ADDRESS = Scenario.threshold("ssh", SSH, 5, Duration.ofMinutes(10));

  private static Detector detector(Scenario s, java.util.function.Function<IpAddress, String> owners) {
    return Detector.builder(new DetectionConfig(Settings.defaults(), List.of(s))).ownerLookup(owners).build();
  }

  @Test
  void aCampaignOfAddressesEachUnderTheThresholdFiresForTheirPrefix() {
    Detector d = detector(PER_ADDRESS.groupedBy(Set.of(Scope.ADDRESS, Scope.PREFIX), 1), a -> null);
    List<Incident> out = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      out.addAll(d.accept(event(SSH_FAILED, "203.0.113." + i, sec(i))));
      out.addAll(d.accept(event(SSH_FAILED, "198.51.100." + i, sec(i))));
    }
    assertThat(out).isEmpty();
    out.addAll(d.accept(event(SSH_FAILED, "203.0.113.200", sec(10))));
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.scope()).isEqualTo(Scope.PREFIX);
      assertThat(i.source()).isEqualTo(IpPrefix.parse("203.0.113.0/24"));
      assertThat(i.sources().entries()).hasSize(5);
      assertThat(i.sourceText()).isEqualTo("203.0.113.0/24");
    });
  }

  @Test
  void ipv6IsAggregatedBySlash64() {
    Detector d = detector(PER_ADDRESS.groupedBy(Set.of(Scope.PREFIX), 1), a -> null);
    for (int i = 1; i <= 4; i++) {
      assertThat(d.accept(event(SSH_FAILED, "2001:db8:0:1::" + i, sec(i)))).isEmpty();
      assertThat(d.accept(event(SSH_FAILED, "2001:db8:0:2::" + i, sec(i)))).isEmpty();
    }
    assertThat(d.accept(event(SSH_FAILED, "2001:db8:0:1:ffff::9", sec(9)))).singleElement()
        .satisfies(i -> assertThat(i.source()).isEqualTo(IpPrefix.parse("2001:db8:0:1::/64")));
  }

  @Test
  void minSourcesKeepsOneLoudAddressFromFiringForItsPrefix() {
    Detector d = detector(PER_ADDRESS.groupedBy(Set.of(Scope.PREFIX), 3), a -> null);
    for (int i = 0; i < 20; i++) {
      assertThat(d.accept(event(SSH_FAILED, "203.0.113.1", sec(i)))).isEmpty();
    }
    assertThat(d.accept(event(SSH_FAILED, "203.0.113.2", sec(30)))).isEmpty();
    assertThat(d.accept(event(SSH_FAILED, "203.0.113.3", sec(31)))).singleElement()
        .satisfies(i -> assertThat(i.sources().values()).hasSize(3));
  }

  @Test
  void aNetworkOwnerAggregatesAddressesAcrossPrefixes() {
    Detector d = detector(PER_ADDRESS.groupedBy(Set.of(Scope.OWNER), 2),
        a -> a.toString().startsWith("203.0.113.") || a.toString().startsWith("198.51.100.") ? "ExampleCloud eu-west-1" : null);
    List<Incident> out = new ArrayList<>();
    out.addAll(d.accept(event(SSH_FAILED, "203.0.113.1", sec(1))));
    out.addAll(d.accept(event(SSH_FAILED, "198.51.100.1", sec(2))));
    out.addAll(d.accept(event(SSH_FAILED, "192.0.2.1", sec(2))));
    out.addAll(d.accept(event(SSH_FAILED, "203.0.113.2", sec(3))));
    out.addAll(d.accept(event(SSH_FAILED, "192.0.2.2", sec(3))));
    out.addAll(d.accept(event(SSH_FAILED, "203.0.113.1", sec(3))));
    assertThat(out).isEmpty();
    out.addAll(d.accept(event(SSH_FAILED, "198.51.100.2", sec(4))));
    out.addAll(d.accept(event(SSH_FAILED, "192.0.2.3", sec(4))));
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.scope()).isEqualTo(Scope.OWNER);
      assertThat(i.owner()).isEqualTo("ExampleCloud eu-west-1");
      assertThat(i.source()).isNull();
      assertThat(i.sources().entries()).hasSize(4);
    });
    assertThat(d.offenses("ExampleCloud eu-west-1")).isEqualTo(1);
  }

  @Test
  void withoutAnOwnerLookupOwnerScenariosStayQuiet() {
    Detector d = Detector.builder(new DetectionConfig(Settings.defaults(),
        List.of(PER_ADDRESS.groupedBy(Set.of(Scope.OWNER), 1)))).build();
    for (int i = 0; i < 20; i++) {
      assertThat(d.accept(event(SSH_FAILED, "203.0.113.1", sec(i)))).isEmpty();
    }
  }

  @Test
  void aSweepSpreadOverAPrefixIsOneCampaign() {
    Scenario sweep = Scenario.distinct("sweep",
        EventFilter.of(Set.of(Service.FIREWALL), Set.of(EventKind.CONNECTION_DENIED)),
        DistinctField.TARGET_ADDRESS, 8, Duration.ofHours(1)).keyedByTargetPort().groupedBy(Set.of(Scope.ADDRESS, Scope.PREFIX), 3);
    Detector d = detector(sweep, a -> null);
    List<Incident> out = new ArrayList<>();
    for (int h = 1; h <= 8; h++) {
      out.addAll(d.accept(drop("203.0.113." + (h % 4 + 1), sec(h), "192.0.2." + h, 1080)));
    }
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.scope()).isEqualTo(Scope.PREFIX);
      assertThat(i.ports().values()).containsExactly(1080);
      assertThat(i.sources().entries()).hasSize(4);
    });
  }
}
