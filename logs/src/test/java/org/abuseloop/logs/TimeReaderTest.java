package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeReaderTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant syslog(TimeReader t, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    assertThat(t.readSyslog(b, 0, b.length)).isEqualTo(15);
    return Instant.ofEpochSecond(t.epochSecond(), t.nanos());
  }

  @Test
  void takesTheYearOfTheReferenceAndTheZoneOfTheSource() {
    TimeReader t = new TimeReader(BERLIN, Instant.parse("2024-06-30T12:00:00Z"));
    assertThat(syslog(t, "Jun 30 10:00:00")).isEqualTo(Instant.parse("2024-06-30T08:00:00Z"));
    assertThat(t.offset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(syslog(t, "Jan  5 10:00:00")).isEqualTo(Instant.parse("2024-01-05T09:00:00Z"));
    assertThat(t.offset()).isEqualTo(ZoneOffset.ofHours(1));
  }

  @Test
  void rollsBackAcrossNewYearWhenTheDateWouldBeInTheFuture() {
    TimeReader t = new TimeReader(ZoneOffset.UTC, Instant.parse("2025-01-02T00:30:00Z"));
    assertThat(syslog(t, "Dec 31 23:59:59")).isEqualTo(Instant.parse("2024-12-31T23:59:59Z"));
    assertThat(syslog(t, "Jan  1 00:00:01")).isEqualTo(Instant.parse("2025-01-01T00:00:01Z"));
  }

  @Test
  void findsFebruary29thInTheLastLeapYear() {
    TimeReader t = new TimeReader(ZoneOffset.UTC, Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(syslog(t, "Feb 29 12:00:00")).isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
  }

  @Test
  void reusesTheCachedSecondOnlyForIdenticalText() {
    TimeReader t = new TimeReader(ZoneOffset.UTC, Instant.parse("2024-06-30T12:00:00Z"));
    Instant a = syslog(t, "Jun 30 10:00:00");
    Instant b = syslog(t, "Jun 30 10:00:00");
    Instant c = syslog(t, "Jun 30 10:00:01");
    assertThat(b).isEqualTo(a);
    assertThat(c).isEqualTo(a.plusSeconds(1));
  }

  @Test
  void readsIsoTimestampsWithAndWithoutOffset() {
    TimeReader t = new TimeReader(BERLIN, Instant.parse("2024-06-30T12:00:00Z"));
    byte[] withOffset = "2019-07-08T17:40:16.954167-04:00 host".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.readIso(withOffset, 0, withOffset.length, false)).isEqualTo(32);
    assertThat(Instant.ofEpochSecond(t.epochSecond(), t.nanos())).isEqualTo(Instant.parse("2019-07-08T21:40:16.954167Z"));
    assertThat(t.offset()).isEqualTo(ZoneOffset.ofHours(-4));

    byte[] local = "2013-12-31 17:39:54.767815 [WARNING]".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.readIso(local, 0, local.length, false)).isEqualTo(26);
    assertThat(Instant.ofEpochSecond(t.epochSecond(), t.nanos())).isEqualTo(Instant.parse("2013-12-31T16:39:54.767815Z"));

    byte[] exim = "2024-01-04 17:03:46 +0100 H=x".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.readIso(exim, 0, exim.length, true)).isEqualTo(25);
    assertThat(t.offset()).isEqualTo(ZoneOffset.ofHours(1));
  }

  @Test
  void rejectsImpossibleDatesAndTimes() {
    TimeReader t = new TimeReader(ZoneOffset.UTC, Instant.parse("2024-06-30T12:00:00Z"));
    for (String s : new String[] {"Foo 30 10:00:00", "Jun 31 10:00:00", "Jun 30 25:00:00", "Jun 30 10:61:00", "Jun 3x 10:00:00"}) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      assertThat(t.readSyslog(b, 0, b.length)).as(s).isEqualTo(-1);
    }
    byte[] bad = "2024-02-30T10:00:00Z".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.readIso(bad, 0, bad.length, false)).isEqualTo(-1);
  }

  /** What the reader must give for a local date-time: java.time's offset, the earlier one in an overlap or gap. */
  private static Instant expected(ZoneId zone, LocalDateTime local) {
    java.util.List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
    ZoneOffset offset = valid.isEmpty() ? zone.getRules().getOffset(local) : valid.get(0);
    return local.toInstant(offset);
  }

  @Test
  void agreesWithJavaTimeAcrossTransitionsInAnyOrder() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (String id : new String[] {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC", "Asia/Kolkata"}) {
      ZoneId zone = ZoneId.of(id);
      TimeReader t = new TimeReader(zone, Instant.parse("2024-12-31T12:00:00Z"));
      LocalDateTime base = LocalDateTime.of(2024, 3, 31, 1, 0);
      for (int i = 0; i < 20_000; i++) {
        // Mostly small steps around spring and autumn transitions, sometimes a jump back or across months.
        LocalDateTime local = i % 2 == 0
            ? base.plusSeconds(r.nextInt(4 * 3600))
            : LocalDateTime.of(2024, 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60));
        if (i % 500 == 0) {
          base = LocalDateTime.of(2024, r.nextBoolean() ? 3 : 10, 24 + r.nextInt(8), 0, 0).plusHours(r.nextInt(4));
        }
        String iso = local.toString().length() == 16 ? local + ":00" : local.toString();
        byte[] b = iso.getBytes(StandardCharsets.US_ASCII);
        assertThat(t.readIso(b, 0, b.length, false)).as(iso).isEqualTo(19);
        assertThat(Instant.ofEpochSecond(t.epochSecond(), t.nanos())).as("%s in %s", iso, id).isEqualTo(expected(zone, local));
        String syslog = String.format(java.util.Locale.ROOT, "%s %2d %02d:%02d:%02d",
            local.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH),
            local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond());
        Instant want = expected(zone, local);
        assertThat(syslog(t, syslog)).as("%s in %s", syslog, id).isEqualTo(want);
        assertThat((long) t.offset().getTotalSeconds()).isEqualTo(local.toEpochSecond(ZoneOffset.UTC) - want.getEpochSecond());
      }
    }
  }

  @Test
  void aRejectedDateDoesNotSpoilTheCache() {
    TimeReader t = new TimeReader(ZoneOffset.UTC, Instant.parse("2024-06-30T12:00:00Z"));
    Instant before = syslog(t, "Jun 29 10:00:00");
    byte[] bad = "Jun 29 99:00:00".getBytes(StandardCharsets.US_ASCII);
    assertThat(t.readSyslog(bad, 0, bad.length)).isEqualTo(-1);
    byte[] zeros = new byte[20];
    assertThat(t.readIso(zeros, 0, zeros.length, false)).isEqualTo(-1);
    assertThat(t.readSyslog(zeros, 0, zeros.length)).isEqualTo(-1);
    assertThat(syslog(t, "Jun 29 10:00:01")).isEqualTo(before.plusSeconds(1));
  }

  @Test
  void aReaderThatRemembersTheLastSecondReadsLikeAFreshOneLineByLine() {
    Instant reference = Instant.parse("2024-12-31T12:00:00Z");
    TimeReader kept = new TimeReader(BERLIN, reference);
    java.util.SplittableRandom r = new java.util.SplittableRandom(9);
    String[] seconds = {"Mar 31 01:59:59", "Mar 31 02:30:00", "Mar 31 03:00:00", "Oct 27 02:30:00", "Oct 27 02:30:00",
        "Mar  1 10:00:00", "Mar 1 10:00:00", "Mar  1 10:00:01", "Feb 30 10:00:00", "Jan  1 00:00:00"};
    String[] isoSeconds = {"2024-03-31T02:30:00", "2024-03-31 02:30:00", "2024-10-27T02:30:00", "2024-10-27T02:30:00.5",
        "2024-10-27T02:30:00+05:00", "2024-02-30T10:00:00", "2024-10-27X02:30:00", "2024-10-27T25:30:00"};
    for (int n = 0; n < 2_000; n++) {
      TimeReader fresh = new TimeReader(BERLIN, reference);
      if (r.nextBoolean()) {
        byte[] b = ("  " + seconds[r.nextInt(seconds.length)] + " host").getBytes(StandardCharsets.US_ASCII);
        int expected = fresh.readSyslog(b, 2, b.length);
        assertThat(kept.readSyslog(b, 2, b.length)).isEqualTo(expected);
        if (expected >= 0) {
          assertThat(kept.epochSecond()).isEqualTo(fresh.epochSecond());
          assertThat(kept.offset()).isEqualTo(fresh.offset());
          assertThat(kept.nanos()).isEqualTo(fresh.nanos());
        }
      } else {
        byte[] b = (isoSeconds[r.nextInt(isoSeconds.length)] + " x").getBytes(StandardCharsets.US_ASCII);
        int expected = fresh.readIso(b, 0, b.length, false);
        assertThat(kept.readIso(b, 0, b.length, false)).isEqualTo(expected);
        if (expected >= 0) {
          assertThat(kept.epochSecond()).isEqualTo(fresh.epochSecond());
          assertThat(kept.offset()).isEqualTo(fresh.offset());
          assertThat(kept.nanos()).isEqualTo(fresh.nanos());
        }
      }
    }
  }
}
