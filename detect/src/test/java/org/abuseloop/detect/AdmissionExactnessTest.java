package org.abuseloop.detect;

import static org.abuseloop.detect.Events.AST_NO_PEER;
import static org.abuseloop.detect.Events.FW_DROP;
import static org.abuseloop.detect.Events.SSH_FAILED;
import static org.abuseloop.detect.Events.SSH_INVALID;
import static org.abuseloop.detect.Events.at;
import static org.abuseloop.detect.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Service;

/**
 * Admission is exact: over random event streams (few keys, so the cap is never reached; times that
 * never go back), a detector whose keys seen once wait among the newcomers reports the same incidents,
 * opened and closed, with the same evidence, targets, counts and offenses, as one that tracks every
 * key from its first sighting. Also with a newcomer table of four entries, so that waiting keys are
 * promoted or dropped when their place is needed.
 */
class AdmissionExactnessTest {

  private static final String[] SOURCES = {
    "198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "203.0.113.5", "203.0.113.6",
    "2001:db8::1", "2001:db8::2"};
  private static final String[] TARGETS = {"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"};
  private static final int[] PORTS = {0, 22, 23, 1080, 5060};
  private static final String[] USERS = {null, "root", "admin", "100", "101", "102"};
  private static final Family[] FAMILIES = {FW_DROP, SSH_FAILED, SSH_INVALID, AST_NO_PEER};
  /** Gaps between events: many within windows, some beyond them. */
  private static final long[] GAPS_MS = {0, 1, 250, 1_000, 7_000, 30_000, 61_000, 300_000, 700_000, 3_700_000};

  private static final Function<IpAddress, String> OWNERS = a -> a.isIPv4() && (a.ipv4Bits() & 1) == 0 ? null
      : "Cloud " + (a.isIPv4() ? a.ipv4Bits() & 2 : 9);

  @Property(tries = 300)
  void theDefaultsReportTheSameWithAndWithoutAdmission(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> codes,
      @ForAll boolean smallTable) {
    assertSame(DetectionConfig.defaults(), codes, smallTable);
  }

  @Property(tries = 500)
  void randomScenariosReportTheSameWithAndWithoutAdmission(
      @ForAll @Size(max = 200) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> codes,
      @ForAll @IntRange(min = 1, max = 4) int count,
      @ForAll @IntRange(min = 1, max = 3) int capacity,
      @ForAll @IntRange(min = 1, max = 3) int minSources,
      @ForAll @IntRange(min = 0, max = 7) int scopes,
      @ForAll boolean smallTable) {
    Set<Scope> groupBy = scopes == 0 ? Set.of(Scope.ADDRESS) : scopeSet(scopes);
    EventFilter fw = EventFilter.of(Set.of(Service.FIREWALL), Set.of(EventKind.CONNECTION_DENIED));
    EventFilter ssh = EventFilter.of(Set.of(Service.SSHD), Set.of(EventKind.AUTH_FAILURE, EventKind.UNKNOWN_USER));
    EventFilter sip = EventFilter.of(Set.of(Service.ASTERISK), Set.of(EventKind.UNKNOWN_USER));
    List<Scenario> scenarios = List.of(
        Scenario.threshold("t", ssh, count, Duration.ofSeconds(60)).groupedBy(groupBy, minSources),
        Scenario.leaky("b", ssh, capacity, Duration.ofSeconds(20)).groupedBy(groupBy, minSources),
        Scenario.distinct("u", sip, DistinctField.USER, count, Duration.ofMinutes(2)).groupedBy(groupBy, minSources),
        Scenario.distinct("p", fw, DistinctField.TARGET_PORT, count + 1, Duration.ofMinutes(10))
            .groupedBy(groupBy, minSources),
        Scenario.distinct("s", fw, DistinctField.TARGET_ADDRESS, count, Duration.ofMinutes(10)).keyedByTargetPort()
            .groupedBy(groupBy, minSources),
        Scenario.threshold("f", fw, count, Duration.ofSeconds(30)).groupedBy(Set.of(Scope.ADDRESS), 1));
    assertSame(new DetectionConfig(Settings.defaults(), scenarios), codes, smallTable);
  }

  private static Set<Scope> scopeSet(int bits) {
    Set<Scope> s = new java.util.HashSet<>();
    for (Scope scope : Scope.values()) {
      if ((bits & (1 << scope.ordinal())) != 0) {
        s.add(scope);
      }
    }
    return s;
  }

  private static void assertSame(DetectionConfig config, List<Integer> codes, boolean smallTable) {
    Detector reference = Detector.builder(config).ownerLookup(OWNERS).admission(false).build();
    Detector.Builder b = Detector.builder(config).ownerLookup(OWNERS);
    Detector admitting = (smallTable ? b.newcomers(4) : b).build();
    List<String> expected = new ArrayList<>();
    List<String> actual = new ArrayList<>();
    long t = 0;
    for (int code : codes) {
      t += GAPS_MS[(code >>> 20) % GAPS_MS.length];
      Event e = decode(code, t);
      expected.add("event " + e.time());
      actual.add("event " + e.time());
      reference.accept(e).forEach(i -> expected.add(i.toString()));
      admitting.accept(e).forEach(i -> actual.add(i.toString()));
    }
    assertThat(admitting.active()).isEqualTo(reference.active());
    reference.flush().forEach(i -> expected.add(i.toString()));
    admitting.flush().forEach(i -> actual.add(i.toString()));
    assertThat(actual).containsExactlyElementsOf(expected);
    for (String source : SOURCES) {
      var p = org.abuseloop.core.IpPrefix.of(IpAddress.of(source), IpAddress.of(source).bitLength());
      assertThat(admitting.offenses(p)).isEqualTo(reference.offenses(p));
    }
  }

  private static Event decode(int code, long t) {
    String source = SOURCES[code % SOURCES.length];
    Family family = FAMILIES[(code >>> 3) % FAMILIES.length];
    String user = USERS[(code >>> 5) % USERS.length];
    String target = (code >>> 8) % 7 == 0 ? null : TARGETS[(code >>> 11) % TARGETS.length];
    int port = PORTS[(code >>> 14) % PORTS.length];
    return event(family, source, at(Duration.ofMillis(t)), user, target, port);
  }
}
