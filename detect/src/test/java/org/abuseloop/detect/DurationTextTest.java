package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link DurationText}, public since the watch configuration reads its durations with it too. */
class DurationTextTest {

  @Test
  void readsANumberAndAUnitOrIso() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationText.parse("10min")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationText.parse(" 1h ")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationText.parse("PT10M")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationText.parse("-5m")).isEqualTo(Duration.ofMinutes(-5));
  }

  @Test
  void givesNullForAnythingElse() {
    assertThat(DurationText.parse("10 minutes")).isNull();
    assertThat(DurationText.parse("soon")).isNull();
    assertThat(DurationText.parse("m")).isNull();
    assertThat(DurationText.parse("1234567890123s")).isNull();
    assertThat(DurationText.parse("PTX")).isNull();
    assertThat(DurationText.parse("")).isNull();
  }
}
