package org.abuseloop.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The texts of {@link Instant#toString()} and of {@code OffsetDateTime.toString()} (an instant at an
 * offset), the same characters, written into a reused buffer. Not thread-safe: one per output.
 *
 * <p>Written by hand because the analysis JSON writes three of them per incident and one per evidence
 * line (tens of thousands on a firewall log): {@code Instant.toString} goes through a
 * {@code DateTimeFormatter}, and both build their text in several steps. Years before 1000 or after 9999,
 * which the JDK writes with signs and padding, are left to it.
 */
final class IsoTimes {

  private final StringBuilder text = new StringBuilder(40);

  /** As {@link Instant#toString()}: seconds always, the fraction in groups of three digits, then Z. */
  String instant(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    if (d.getYear() < 1000 || d.getYear() > 9999) {
      return t.toString();
    }
    text.setLength(0);
    dateAndMinutes(d);
    two(':', d.getSecond());
    fraction(t.getNano());
    return text.append('Z').toString();
  }

  /** As {@code t.atOffset(offset).toString()}: seconds only when not zero (or with a fraction), then the offset's id. */
  String atOffset(Instant t, ZoneOffset offset) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, offset);
    if (d.getYear() < 1000 || d.getYear() > 9999) {
      return t.atOffset(offset).toString();
    }
    text.setLength(0);
    dateAndMinutes(d);
    int nano = t.getNano();
    if (d.getSecond() > 0 || nano > 0) {
      two(':', d.getSecond());
      fraction(nano);
    }
    return text.append(offset.getId()).toString();
  }

  private void dateAndMinutes(LocalDateTime d) {
    text.append(d.getYear());
    two('-', d.getMonthValue());
    two('-', d.getDayOfMonth());
    two('T', d.getHour());
    two(':', d.getMinute());
  }

  private void two(char before, int v) {
    text.append(before).append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /** Nothing for zero, else a point and 3, 6 or 9 digits: as few groups of three as hold the value. */
  private void fraction(int nano) {
    if (nano == 0) {
      return;
    }
    int digits = nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
    int v = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1000 : nano;
    text.append('.');
    for (int div = digits == 3 ? 100 : digits == 6 ? 100_000 : 100_000_000; div > 0; div /= 10) {
      text.append((char) ('0' + v / div % 10));
    }
  }
}
