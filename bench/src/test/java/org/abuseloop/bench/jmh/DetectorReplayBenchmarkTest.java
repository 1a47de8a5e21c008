package org.abuseloop.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Scenario;
import org.junit.jupiter.api.Test;

class DetectorReplayBenchmarkTest {

  private final DetectionConfig defaults = DetectionConfig.defaults();

  @Test
  void allKeepsEveryBuiltInScenario() {
    assertThat(DetectorReplayBenchmark.chosen(defaults, "all")).isSameAs(defaults);
  }

  @Test
  void idsJoinedByPlusChooseThoseScenariosUnderTheSameSettings() {
    DetectionConfig chosen = DetectorReplayBenchmark.chosen(defaults, "port-scan+port-sweep");

    assertThat(chosen.scenarios()).extracting(Scenario::id).containsExactly("port-scan", "port-sweep");
    assertThat(chosen.settings()).isEqualTo(defaults.settings());
  }

  @Test
  void anUnknownIdIsRefusedRatherThanMeasuringNothing() {
    assertThatThrownBy(() -> DetectorReplayBenchmark.chosen(defaults, "port-scan+port-scna"))
        .hasMessageContaining("port-scna");
  }
}
