package org.abuseloop.detect;

import static org.abuseloop.detect.Events.AST_NO_PEER;
import static org.abuseloop.detect.Events.AST_WRONG;
import static org.abuseloop.detect.Events.drop;
import static org.abuseloop.detect.Events.sec;
import static org.abuseloop.detect.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** Distinct counts: unknown users (enumeration, not guessing), target ports (scans), target addresses per port (sweeps). */
class DistinctScenarioTest {

  private static final String A = "198.51.100.7";
  private static final EventFilter UNKNOWN_SIP_USERS = EventFilter.of(Set.of(Service.ASTERISK), Set.of(EventKind.UNKNOWN_USER));
  private static final EventFilter DENIED = EventFilter.of(Set.of(Service.FIREWALL), Set.of(EventKind.CONNECTION_DENIED));

  private static Detector detector(Scenario s) {
    return Detector.builder(new DetectionConfig(Settings.defaults(), List.of(s))).build();
  }

  @Test
  void enumerationFiresOnTheFifthDistinctUnknownUser() {
    Detector d = detector(Scenario.distinct("enum", UNKNOWN_SIP_USERS, DistinctField.USER, 5, Duration.ofMinutes(10)));
    for (int i = 0; i < 4; i++) {
      assertThat(d.accept(user(AST_NO_PEER, A, sec(i), "10" + i))).isEmpty();
      assertThat(d.accept(user(AST_NO_PEER, A, sec(i), "10" + i))).as("a repeated user is not new").isEmpty();
    }
    assertThat(d.accept(user(AST_NO_PEER, A, sec(5), "104"))).singleElement().satisfies(i -> {
      assertThat(i.users().values()).containsExactly("100", "101", "102", "103", "104");
      assertThat(i.users().count("100")).isEqualTo(2);
      assertThat(i.count()).isEqualTo(9);
    });
  }

  @Test
  void guessingOneExistingUserIsNotEnumeration() {
    Detector d = detector(Scenario.distinct("enum", UNKNOWN_SIP_USERS, DistinctField.USER, 5, Duration.ofMinutes(10)));
    for (int i = 0; i < 50; i++) {
      assertThat(d.accept(user(AST_WRONG, A, sec(i), "user" + i))).as("wrong passwords are another kind").isEmpty();
      assertThat(d.accept(user(AST_NO_PEER, A, sec(i), "6001"))).isEmpty();
    }
  }

  @Test
  void distinctValuesOlderThanTheWindowDropOut() {
    Detector d = detector(Scenario.distinct("enum", UNKNOWN_SIP_USERS, DistinctField.USER, 3, Duration.ofMinutes(1)));
    d.accept(user(AST_NO_PEER, A, sec(0), "a"));
    d.accept(user(AST_NO_PEER, A, sec(30), "b"));
    assertThat(d.accept(user(AST_NO_PEER, A, sec(61), "c"))).as("'a' left the window").isEmpty();
    assertThat(d.accept(user(AST_NO_PEER, A, sec(62), "d"))).hasSize(1);
  }

  @Test
  void eventsWithoutTheCountedFieldAreIgnored() {
    Detector d = detector(Scenario.distinct("enum", UNKNOWN_SIP_USERS, DistinctField.USER, 2, Duration.ofMinutes(1)));
    for (int i = 0; i < 10; i++) {
      assertThat(d.accept(user(AST_NO_PEER, A, sec(i), null))).isEmpty();
    }
  }

  @Test
  void aMultiPortScanFiresOnTheFifteenthPort() {
    Detector d = detector(Scenario.distinct("scan", DENIED, DistinctField.TARGET_PORT, 15, Duration.ofMinutes(10)));
    for (int p = 1; p < 15; p++) {
      assertThat(d.accept(drop(A, sec(p), "192.0.2.1", p))).isEmpty();
      assertThat(d.accept(drop(A, sec(p), "192.0.2.1", p))).isEmpty();
    }
    assertThat(d.accept(drop(A, sec(20), "192.0.2.1", 15))).singleElement().satisfies(i -> {
      assertThat(i.ports().entries()).hasSize(15);
      assertThat(i.addresses().values()).containsExactly(IpAddress.of("192.0.2.1"));
    });
  }

  @Test
  void aSweepOfOnePortIsCountedPerPort() {
    Detector d = detector(Scenario.distinct("sweep", DENIED, DistinctField.TARGET_ADDRESS, 10, Duration.ofMinutes(10))
        .keyedByTargetPort());
    for (int h = 1; h < 10; h++) {
      assertThat(d.accept(drop(A, sec(h), "192.0.2." + h, 1080))).isEmpty();
      assertThat(d.accept(drop(A, sec(h), "192.0.2." + (h + 100), 22 + h))).as("other ports, each its own key").isEmpty();
    }
    assertThat(d.accept(drop(A, sec(30), "192.0.2.10", 1080))).singleElement().satisfies(i -> {
      assertThat(i.ports().values()).containsExactly(1080);
      assertThat(i.addresses().entries()).hasSize(10);
      assertThat(i.source().network()).isEqualTo(IpAddress.of(A));
    });
  }
}
