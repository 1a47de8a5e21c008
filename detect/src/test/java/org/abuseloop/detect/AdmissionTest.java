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
import org.abuseloop.core.Service;
import org.abuseloop.core.Tally;
import org.junit.jupiter.api.Test;

/** Two-stage admission: a key seen once waits untracked, and is tracked with its first sighting replayed when it comes again. */
class AdmissionTest {

  private static final EventFilter SSH = EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.AUTH_FAILURE));
  private static final EventFilter FW = EventFilter.of(Set.of(Service.FIREWALL), Set.of(EventKind.CONNECTION_DENIED));

  private static Detector detector(List<Scenario> scenarios) {
    return Detector.builder(new DetectionConfig(Settings.defaults(), scenarios)).build();
  }

  @Test
  void onlyARuleThatOneEventCanNotFireLetsAKeyWait() {
    Sighting s = Sighting.of(event(SSH_FAILED, "198.51.100.1", sec(0), "root", "192.0.2.1", 22));
    List<Scenario> scenarios = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      scenarios.add(Scenario.threshold("t" + n, SSH, n, Duration.ofMinutes(1)));
      scenarios.add(Scenario.leaky("b" + n, SSH, n, Duration.ofMinutes(1)));
      scenarios.add(Scenario.distinct("u" + n, SSH, DistinctField.USER, n, Duration.ofMinutes(1)));
      scenarios.add(Scenario.distinct("s" + n, FW, DistinctField.TARGET_ADDRESS, n, Duration.ofMinutes(1))
          .keyedByTargetPort());
    }
    int waiting = 0;
    for (Scenario base : scenarios) {
      for (int minSources = 1; minSources <= 3; minSources++) {
        for (Scope scope : Scope.values()) {
          Scenario scenario = base.groupedBy(Set.of(scope), minSources);
          Rule rule = new Rule(0, scenario);
          boolean aggregate = scope != Scope.ADDRESS;
          boolean fires = Slot.of(rule, aggregate, 16).offer(0, s);
          assertThat(Newcomers.canWait(rule, scope, 0)).as(scenario.id() + " " + scope + " " + minSources)
              .isEqualTo(!fires);
          waiting += fires ? 0 : 1;
        }
      }
    }
    assertThat(waiting).as("some rules let keys wait, some do not").isBetween(1, scenarios.size() * 9 - 1);
    assertThat(Newcomers.canWait(new Rule(0, scenarios.get(1)), Scope.ADDRESS, 64)).as("beyond the bit set").isFalse();
  }

  @Test
  void rulesOfOneScopeThatCountDifferentKeysAdmitEachKeyOnItsOwn() {
    Scenario scan = Scenario.distinct("scan", FW, DistinctField.TARGET_PORT, 3, Duration.ofMinutes(10));
    Scenario sweep = Scenario.distinct("sweep", FW, DistinctField.TARGET_ADDRESS, 3, Duration.ofMinutes(10))
        .keyedByTargetPort();
    Detector d = detector(List.of(scan, sweep));
    d.accept(drop("198.51.100.1", sec(0), "192.0.2.1", 22));
    assertThat(d.trackedKeys()).isZero();
    assertThat(d.waitingKeys()).as("the address key and the address+port key").isEqualTo(2);
    // The same address on another port: its address key comes again, its port key is new.
    d.accept(drop("198.51.100.1", sec(1), "192.0.2.1", 23));
    assertThat(d.trackedKeys()).isEqualTo(1);
    assertThat(d.waitingKeys()).isEqualTo(2);
    assertThat(d.accept(drop("198.51.100.1", sec(2), "192.0.2.2", 22))).isEmpty();
    assertThat(d.trackedKeys()).as("the address key, and port 22's key that came again").isEqualTo(2);
    assertThat(d.waitingKeys()).isEqualTo(1);
    List<Incident> out = d.accept(drop("198.51.100.1", sec(3), "192.0.2.3", 24));
    assertThat(d.waitingKeys()).isEqualTo(2);
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.scenario()).isEqualTo("scan");
      assertThat(i.first()).isEqualTo(sec(0));
      assertThat(i.count()).isEqualTo(4);
      assertThat(i.ports().entries()).extracting(Tally.Entry::value).containsExactly(22, 23, 24);
      assertThat(i.evidence()).extracting(e -> e.time()).containsExactly(sec(0), sec(1), sec(2), sec(3));
    });
  }

  @Test
  void aTrackedKeyCountsAsNowAndNeverWaitsAgain() {
    Detector d = detector(List.of(Scenario.threshold("t", SSH, 4, Duration.ofMinutes(1))));
    d.accept(event(SSH_FAILED, "198.51.100.1", sec(0)));
    d.accept(event(SSH_FAILED, "198.51.100.1", sec(1)));
    assertThat(d.waitingKeys()).isZero();
    d.accept(event(SSH_FAILED, "198.51.100.1", sec(2)));
    assertThat(d.waitingKeys()).isZero();
    List<Incident> out = d.accept(event(SSH_FAILED, "198.51.100.1", sec(3)));
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.first()).isEqualTo(sec(0));
      assertThat(i.evidence()).extracting(e -> e.time()).containsExactly(sec(0), sec(1), sec(2), sec(3));
    });
  }

  @Test
  void aRuleThatOneEventFiresTracksTheKeyAtOnce() {
    Detector d = detector(List.of(Scenario.threshold("once", SSH, 1, Duration.ofMinutes(1)),
        Scenario.threshold("twice", SSH, 2, Duration.ofMinutes(1))));
    assertThat(d.accept(event(SSH_FAILED, "198.51.100.1", sec(0)))).singleElement()
        .satisfies(i -> assertThat(i.scenario()).isEqualTo("once"));
    assertThat(d.trackedKeys()).isEqualTo(1);
    assertThat(d.waitingKeys()).isZero();
    assertThat(d.accept(event(SSH_FAILED, "198.51.100.1", sec(1)))).extracting(Incident::scenario)
        .containsExactly("twice");
  }

  @Test
  void anAggregateKeyListsTheSourceOfItsReplayedFirstSighting() {
    Scenario bucket = Scenario.leaky("b", SSH, 2, Duration.ofMinutes(1)).groupedBy(Set.of(Scope.PREFIX), 2);
    Detector d = detector(List.of(bucket));
    d.accept(event(SSH_FAILED, "203.0.113.1", sec(0)));
    assertThat(d.waitingKeys()).isEqualTo(1);
    d.accept(event(SSH_FAILED, "203.0.113.2", sec(1)));
    List<Incident> out = d.accept(event(SSH_FAILED, "203.0.113.2", sec(2)));
    assertThat(out).singleElement().satisfies(i -> {
      assertThat(i.first()).isEqualTo(sec(0));
      assertThat(i.count()).isEqualTo(3);
      assertThat(i.sources().entries()).extracting(Tally.Entry::value, Tally.Entry::count)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(IpAddress.of("203.0.113.1"), 1L),
              org.assertj.core.groups.Tuple.tuple(IpAddress.of("203.0.113.2"), 2L));
    });
  }

  @Test
  void aFullTableDropsWhatNoLongerMattersAndTracksWhatStillDoes() {
    Detector d = Detector.builder(new DetectionConfig(Settings.defaults(),
        List.of(Scenario.threshold("t", SSH, 2, Duration.ofMinutes(1))))).newcomers(4).build();
    for (int i = 0; i < 4; i++) {
      d.accept(event(SSH_FAILED, "198.51.100." + (i + 1), sec(i)));
    }
    assertThat(d.waitingKeys()).isEqualTo(4);
    // A fifth key while all four still matter: the one that matters least long is tracked.
    d.accept(event(SSH_FAILED, "198.51.100.5", sec(4)));
    assertThat(d.waitingKeys()).isEqualTo(4);
    assertThat(d.trackedKeys()).isEqualTo(1);
    assertThat(d.accept(event(SSH_FAILED, "198.51.100.1", sec(5)))).as("its first sighting was kept")
        .singleElement().satisfies(i -> assertThat(i.first()).isEqualTo(sec(0)));
    // Beyond the window, a new key takes a place that no longer matters: nothing more is tracked.
    d.accept(event(SSH_FAILED, "198.51.100.6", sec(200)));
    assertThat(d.waitingKeys()).isEqualTo(4);
    assertThat(d.trackedKeys()).isLessThanOrEqualTo(1);
  }

  @Test
  void theNewcomersGrowWithoutLosingAKeyUpToTheCap() {
    Newcomers n = new Newcomers(4_000);
    Sighting p = Sighting.of(event(SSH_FAILED, "198.51.100.1", sec(0)));
    for (int i = 0; i < 20_000; i++) {
      int at = n.placeFor(i, i * 7L, 3, null, 0);
      if (n.holdsLiveAt(at, 0)) {
        n.remove(at);
      }
      n.put(at, i, i * 7L, 3, null, i, 10, i % 64, p, 1_000_000L + i);
      assertThat(n.size()).isLessThanOrEqualTo(4_096);
    }
    assertThat(n.size()).isGreaterThan(3_500);
    int found = 0;
    for (int i = 0; i < 20_000; i++) {
      int at = n.find(i, i * 7L, 3, null);
      if (at >= 0) {
        found++;
        assertThat(n.time(at)).isEqualTo(i);
        assertThat(n.columns(at)).isEqualTo(1L << (i % 64));
        assertThat(n.event(at)).isEqualTo(1_000_000L + i);
        assertThat(n.first(at).unpack()).isEqualTo(new SightingRings.Packed(p).unpack());
      }
    }
    assertThat(found).isEqualTo(n.size());
    assertThat(n.find(0, 0, 4, null)).isEqualTo(-1);
  }

  @Test
  void flushForgetsTheWaitingKeys() {
    Detector d = detector(List.of(Scenario.threshold("t", SSH, 2, Duration.ofMinutes(1))));
    d.accept(event(SSH_FAILED, "198.51.100.1", sec(0)));
    assertThat(d.flush()).isEmpty();
    assertThat(d.waitingKeys()).isZero();
    assertThat(d.accept(event(SSH_FAILED, "198.51.100.1", sec(1)))).isEmpty();
  }

  @Test
  void aFloodOfOneShotPortKeysIsNotTracked() {
    Detector d = Detector.builder(DetectionConfig.defaults()).build();
    for (int i = 0; i < 10_000; i++) {
      d.accept(drop("198.51.100." + (1 + i % 200), sec(i / 100), "192.0.2." + (1 + i % 7), 1 + i));
    }
    // Each (address, port) and (/24, port) key is seen once: they wait, but for the few whose set of
    // the table is full of keys that still matter (then the one that matters least long is tracked).
    int promoted = d.trackedKeys() - 200;
    assertThat(promoted).as("beyond the 200 address keys, seen 50 times each").isBetween(0, 100);
    assertThat(d.waitingKeys()).isEqualTo(20_000 - promoted);
  }
}
