package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Service;

/**
 * Fuzzes every parser with arbitrary bytes: the first byte picks the service a line is forced to (or
 * none, to exercise sniffing and program dispatch), the rest is the log. Whatever the input, parsing
 * ends without an exception and every event is well formed; only input that starts as gzip and does
 * not decode fails, with an error naming it. Runs its seeds as a regression test under
 * {@code mvn verify}; {@code JAZZER_FUZZ=1} fuzzes for real (CI does so for a short while).
 */
class ParserFuzzTest {

  private static final ParserCatalog CATALOG = ParserCatalog.standard();
  private static final Service[] SERVICES = Service.values();

  @FuzzTest(maxDuration = "60s")
  void parsersNeverThrowAndEventsAreWellFormed(FuzzedDataProvider data) throws IOException {
    int pick = data.consumeInt(0, SERVICES.length);
    Service forced = pick == SERVICES.length ? null : SERVICES[pick];
    byte[] log = data.consumeRemainingAsBytes();
    List<Event> events = new ArrayList<>();
    ParseStats stats;
    try {
      stats = new LogParser(CATALOG, ZoneOffset.UTC, forced)
          .parse("fuzz", new ByteArrayInputStream(log), Instant.parse("2024-06-01T00:00:00Z"), events::add);
    } catch (IOException e) {
      // Only a stream that starts as gzip and does not decode may fail, and the error names the input.
      assertThat(log.length >= 2 && (log[0] & 0xFF) == 0x1f && (log[1] & 0xFF) == 0x8b).isTrue();
      assertThat(e).hasMessageStartingWith("fuzz: not a readable gzip file (");
      return;
    }
    assertThat(stats.events()).isEqualTo(events.size());
    assertThat(stats.events() + stats.unrecognised()).isEqualTo(stats.lines());
    for (Event e : events) {
      assertThat(e.sourcePort()).isBetween(0, 65535);
      assertThat(e.targetPort()).isBetween(0, 65535);
      assertThat(e.origin().line()).isBetween(1L, stats.lines());
      assertThat(e.origin().byteOffset()).isBetween(0L, (long) log.length);
      if (forced != null) {
        assertThat(e.service()).isEqualTo(forced);
      }
      if (e.user() != null) {
        assertThat(e.user()).doesNotContain("\n", "\r", "\u0000").hasSizeLessThanOrEqualTo(256);
      }
    }
  }
}
