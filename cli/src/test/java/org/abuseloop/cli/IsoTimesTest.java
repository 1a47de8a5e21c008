package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written texts equal the JDK's ({@code Instant.toString}, {@code OffsetDateTime.toString}) for
 * random instants: whole minutes and seconds, fractions of every precision, offsets with and without
 * seconds, UTC, and years outside 1000-9999 (left to the JDK).
 */
class IsoTimesTest {

  private static final int[] NANOS = {0, 1, 7, 10, 999, 1000, 120_000, 500_000, 1_000_000, 1_234_000, 120_000_000, 999_999_999,
      123_456_789, 100_000_000};

  @Test
  void randomInstantsGiveTheJdksText() {
    IsoTimes times = new IsoTimes();
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      Instant t = Instant.ofEpochSecond(second(random), nano(random));
      ZoneOffset offset = offset(random);
      assertThat(times.instant(t)).isEqualTo(t.toString());
      assertThat(times.atOffset(t, offset)).as("%s at %s", t, offset).isEqualTo(t.atOffset(offset).toString());
    }
  }

  @Test
  void yearsTheJdkWritesWithSignsOrPadding() {
    IsoTimes times = new IsoTimes();
    for (String s : new String[] {"0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-06-01T00:00:00.5Z", "0000-01-01T00:00:00Z"}) {
      Instant t = Instant.parse(s);
      assertThat(times.instant(t)).isEqualTo(t.toString());
      assertThat(times.atOffset(t, ZoneOffset.ofHours(-5))).isEqualTo(t.atOffset(ZoneOffset.ofHours(-5)).toString());
    }
  }

  private static long second(Random random) {
    long s = switch (random.nextInt(4)) {
      case 0 -> 1_700_000_000L + random.nextInt(100_000_000);
      case 1 -> (1_700_000_000L + random.nextInt(1_000_000)) / 60 * 60;
      case 2 -> random.nextLong() % 253_402_300_799L;
      default -> -30_610_224_000L + random.nextInt(1_000_000_000) * 300L;
    };
    return s;
  }

  private static int nano(Random random) {
    return random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : NANOS[random.nextInt(NANOS.length)];
  }

  private static ZoneOffset offset(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> ZoneOffset.UTC;
      case 1 -> ZoneOffset.ofHoursMinutes(random.nextInt(27) - 13, 0);
      case 2 -> ZoneOffset.ofTotalSeconds((random.nextInt(1800) - 900) * 60);
      default -> ZoneOffset.ofTotalSeconds(random.nextInt(36 * 3600 + 1) - 18 * 3600);
    };
  }
}
