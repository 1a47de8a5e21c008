package org.abuseloop.bench.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Nearest-rank quantiles and the burst summary the benchmark reports. */
class QuantilesTest {

  @Test
  void nearestRankOfOneToHundredMilliseconds() {
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000L).toArray();
    Quantiles q = Quantiles.ofNanos(nanos);
    assertThat(q.count()).isEqualTo(100);
    assertThat(q.p50()).isEqualTo(50.0);
    assertThat(q.p90()).isEqualTo(90.0);
    assertThat(q.p99()).isEqualTo(99.0);
    assertThat(q.max()).isEqualTo(100.0);
    assertThat(nanos[0]).as("input left unsorted").isEqualTo(100_000_000L);
  }

  @Test
  void fewerSamplesThanRanks() {
    Quantiles q = Quantiles.ofNanos(new long[] {3_000_000, 1_000_000});
    assertThat(q.p50()).isEqualTo(1.0);
    assertThat(q.p99()).isEqualTo(3.0);
    assertThat(Quantiles.ofNanos(new long[0]).count()).isZero();
  }

  @Test
  void burstCountsOnlyTheBannedAndTimesFromTheWrite() {
    long written = 1_000_000_000L;
    long[] at = {written + 2_000_000, -1, written + 4_000_000, written + 10_000_000};
    BurstResult b = BurstResult.of(written, at, 3, 12, 30);
    assertThat(b.banned()).isEqualTo(3);
    assertThat(b.complete()).isFalse();
    assertThat(b.firstMs()).isEqualTo(2.0);
    assertThat(b.medianMs()).isEqualTo(4.0);
    assertThat(b.lastMs()).isEqualTo(10.0);
    assertThat(b.bansPerSecond()).isEqualTo(300.0);
    assertThat(b.banPhasePerSecond()).isEqualTo(250.0);
  }
}
