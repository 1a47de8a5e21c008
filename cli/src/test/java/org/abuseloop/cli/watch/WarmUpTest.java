package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.abuseloop.detect.DetectionConfig;
import org.junit.jupiter.api.Test;

/** The start-up warm-up really goes through parsing and detection (else it would warm nothing). */
class WarmUpTest {

  @Test
  void theSyntheticFailuresOpenIncidentsInTheThrownAwayDetector() {
    long incidents = WarmUp.run(DetectionConfig.defaults(), Instant.parse("2026-11-22T20:00:00Z"));

    assertThat(incidents).isGreaterThanOrEqualTo(WarmUp.SOURCES);
  }
}
