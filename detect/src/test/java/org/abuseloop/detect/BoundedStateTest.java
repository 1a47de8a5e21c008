package org.abuseloop.detect;

import static org.abuseloop.detect.Events.SSH_FAILED;
import static org.abuseloop.detect.Events.at;
import static org.abuseloop.detect.Events.drop;
import static org.abuseloop.detect.Events.event;
import static org.abuseloop.detect.Events.sec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.junit.jupiter.api.Test;

/** The cap on tracked keys under floods, eviction of the coldest keys, and expiry with time. */
class BoundedStateTest {

  private static final int CAP = 10_000;

  @Test
  void aMillionDistinctAddressesNeverExceedTheCap() {
    DetectionConfig config = DetectionConfig.defaults();
    config = config.withSettings(config.settings().withMaxKeys(CAP));
    Detector d = Detector.builder(config).ownerLookup(a -> "Cloud " + ((a.ipv4Bits() >>> 20) & 0xF)).build();
    int maxKeys = 0;
    int maxOffenders = 0;
    long incidents = 0;
    Event template = event(SSH_FAILED, "198.51.100.1", sec(0));
    for (int i = 0; i < 1_000_000; i++) {
      // 1,000,000 distinct global addresses from 11.0.0.0 on, 1,000 events a second, each seen once.
      IpAddress a = IpAddress.ofIPv4(0x0B000000 + i);
      Event e = new Event(at(Duration.ofMillis(i)), template.offset(), a, null, 1, null, 22, Protocol.TCP,
          template.family(), "root", new Origin("flood.log", i + 1, 0));
      incidents += d.accept(e).size();
      maxKeys = Math.max(maxKeys, d.trackedKeys());
      maxOffenders = Math.max(maxOffenders, d.trackedOffenders());
    }
    assertThat(maxKeys).isEqualTo(CAP);
    assertThat(maxOffenders).isLessThanOrEqualTo(CAP);
    // Every /24 of the flood holds 256 addresses, each failing once: the campaign scenario fires.
    assertThat(incidents).isPositive();
  }

  @Test
  void aFloodOfOneShotAddressesDoesNotEvictARealAttacker() {
    DetectionConfig config = DetectionConfig.defaults();
    config = config.withSettings(config.settings().withMaxKeys(1_000));
    Detector d = Detector.builder(config).build();
    String attacker = "198.51.100.7";
    List<Incident> attackerIncidents = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      long ms = i * 50L;
      // The flood: 100,000 addresses with one refused connection each.
      d.accept(drop(IpAddress.ofIPv4(0x0B000000 + i).toString(), at(Duration.ofMillis(ms)), "192.0.2.1", 1 + i % 3));
      // The attacker: two SSH failures, then one every 50 s (1,000 flood events, some 3,000 new keys:
      // three times the cap). Its key survives because it is heavier than the one-shot keys.
      if (i % 1000 == 0) {
        for (int n = i == 0 ? 2 : 1; n > 0; n--) {
          d.accept(event(SSH_FAILED, attacker, at(Duration.ofMillis(ms)))).stream()
              .filter(x -> x.sourceText().equals(attacker)).forEach(attackerIncidents::add);
        }
      }
      assertThat(d.trackedKeys()).isLessThanOrEqualTo(1_000);
    }
    assertThat(attackerIncidents).extracting(Incident::scenario).contains("sshd-bf");
  }

  @Test
  void stateExpiresWithTimeWithoutEviction() {
    Detector d = Detector.builder(DetectionConfig.defaults()).build();
    for (int i = 0; i < 100; i++) {
      // Twice each: a key seen once waits among the newcomers, untracked.
      d.accept(event(SSH_FAILED, IpAddress.ofIPv4(0x0B000000 + i * 256).toString(), sec(i)));
      d.accept(event(SSH_FAILED, IpAddress.ofIPv4(0x0B000000 + i * 256).toString(), sec(i)));
    }
    assertThat(d.trackedKeys()).isEqualTo(200);
    // The longest quiet time among the defaults is sshd-slow-bf's drain time: 10 × 10 min.
    d.advanceTo(sec(100 + 100 * 60 + 1));
    assertThat(d.trackedKeys()).isZero();
  }
}
