package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/** Events counted per family, in first-seen order, however the families interleave. */
class ParseStatsTest {

  private static Event event(Family f) {
    return new Event(Instant.EPOCH, ZoneOffset.UTC, IpAddress.of("192.0.2.1"), null, 0, null, 0, Protocol.UNKNOWN, f,
        null, new Origin("-", 1, 0));
  }

  @Test
  void countsInterleavedFamiliesLikeAMapInFirstSeenOrder() {
    Family[] families = new Family[12];
    for (int i = 0; i < families.length; i++) {
      families[i] = new Family("sshd.test-" + i, Service.SSHD, EventKind.AUTH_FAILURE);
    }
    SplittableRandom r = new SplittableRandom(5);
    ParseStats stats = new ParseStats();
    Map<Family, Long> expected = new LinkedHashMap<>();
    for (int n = 0; n < 20_000; n++) {
      // A few families most of the time (as in a real log), sometimes one of many, sometimes an equal copy.
      int k = r.nextInt(10) < 8 ? r.nextInt(3) : r.nextInt(families.length);
      Family f = r.nextInt(20) == 0 ? new Family(families[k].id(), families[k].service(), families[k].kind()) : families[k];
      stats.countEvent(event(f));
      expected.merge(f, 1L, Long::sum);
    }
    assertThat(stats.eventsByFamily()).containsExactlyEntriesOf(expected);
    assertThat(stats.events()).isEqualTo(20_000);
  }
}
