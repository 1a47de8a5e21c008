package org.abuseloop.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Reads the timestamp forms logs use (BSD syslog {@code Mmm dd HH:MM:SS}, ISO 8601 / RFC 3339 with or
 * without offset) from bytes into epoch seconds, in the source's zone when the text has no offset.
 * A syslog date without a year takes the year of the reference instant (the file's modification
 * time) and rolls back a year when that would put it more than a day after the reference, so a
 * December line read in January lands in the year before. One per source; not thread-safe (it
 * caches the last second it read, which is what makes a log of many lines a second cheap).
 */
public final class TimeReader {

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private final ZoneId zone;
  private final ZoneRules rules;
  private final LocalDate referenceDate;
  private final byte[] lastSyslog = new byte[15];
  private long lastSyslogSecond = Long.MIN_VALUE;
  private long lastLocalMinute = Long.MIN_VALUE;
  private ZoneOffset lastLocalOffset;

  private long epochSecond;
  private int nanos;
  private int fraction;
  private ZoneOffset offset;

  public TimeReader(ZoneId zone, Instant reference) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.referenceDate = LocalDate.ofInstant(reference, zone);
  }

  public ZoneId zone() {
    return zone;
  }

  long epochSecond() {
    return epochSecond;
  }

  int nanos() {
    return nanos;
  }

  ZoneOffset offset() {
    return offset;
  }

  /** Copies the last timestamp read into a message. */
  void applyTo(Message m) {
    m.setTime(epochSecond, nanos, offset);
  }

  /**
   * Reads {@code Mmm dd HH:MM:SS} (day padded with a space or a zero) at {@code at}; returns the index
   * after it, or -1. Does not read a fraction or a year that may follow.
   */
  int readSyslog(byte[] b, int at, int end) {
    if (end - at >= 14 && b[at + 3] == ' ' && digit(b[at + 4]) >= 0 && b[at + 5] == ' ') {
      return readUnpaddedSyslog(b, at);
    }
    if (end - at < 15) {
      return -1;
    }
    if (lastSyslogSecond != Long.MIN_VALUE && sameBytes(b, at)) {
      epochSecond = lastSyslogSecond;
      nanos = 0;
      offset = lastLocalOffset;
      return at + 15;
    }
    int month = month(b, at);
    if (month < 0 || b[at + 3] != ' ') {
      return -1;
    }
    int d1 = b[at + 4] == ' ' ? 0 : digit(b[at + 4]);
    int d2 = digit(b[at + 5]);
    if (d1 < 0 || d2 < 0 || b[at + 6] != ' ') {
      return -1;
    }
    int day = d1 * 10 + d2;
    int secondOfDay = clock(b, at + 7);
    if (secondOfDay < 0 || day < 1 || day > 31) {
      return -1;
    }
    int year = referenceDate.getYear();
    if (!validDate(year, month, day) && !validDate(year - 1, month, day)) {
      return -1;
    }
    LocalDate date = validDate(year, month, day) ? LocalDate.of(year, month, day) : null;
    if (date == null || date.isAfter(referenceDate.plusDays(1))) {
      if (!validDate(year - 1, month, day)) {
        return -1;
      }
      date = LocalDate.of(year - 1, month, day);
    }
    setLocal(date.toEpochDay() * 86400 + secondOfDay, 0);
    System.arraycopy(b, at, lastSyslog, 0, 15);
    lastSyslogSecond = epochSecond;
    return at + 15;
  }

  /**
   * Reads {@code MM-DD HH:MM:SS[.fraction]} (a date without its year, as some FreeSWITCH set-ups
   * write it) at {@code at}; returns the index after it, or -1. The year is found as for syslog dates:
   * the reference's, or the year before when that would put the date more than a day after it.
   */
  int readMonthDay(byte[] b, int at, int end) {
    if (end - at < 14 || b[at + 2] != '-' || b[at + 5] != ' ') {
      return -1;
    }
    int month = fixed(b, at, 2);
    int day = fixed(b, at + 3, 2);
    int secondOfDay = month < 0 || day < 0 ? -1 : clock(b, at + 6);
    LocalDate date = secondOfDay < 0 ? null : yearlessDate(month, day);
    if (date == null) {
      return -1;
    }
    int i = readFraction(b, at + 14, end, false);
    if (i < 0) {
      return -1;
    }
    setLocal(date.toEpochDay() * 86400 + secondOfDay, fraction);
    return i;
  }

  /** The date of a month and day written without a year (see {@link #readMonthDay}), or null. */
  private LocalDate yearlessDate(int month, int day) {
    int year = referenceDate.getYear();
    if (day < 1 || day > 31 || month < 1 || month > 12) {
      return null;
    }
    LocalDate date = validDate(year, month, day) ? LocalDate.of(year, month, day) : null;
    if (date == null || date.isAfter(referenceDate.plusDays(1))) {
      return validDate(year - 1, month, day) ? LocalDate.of(year - 1, month, day) : null;
    }
    return date;
  }

  /**
   * Reads {@code Mmm d HH:MM:SS} with a one-digit day and a single space (some relays and hand-made
   * samples write it so); index after it, or -1. Not cached: it is rare.
   */
  private int readUnpaddedSyslog(byte[] b, int at) {
    int month = month(b, at);
    int day = digit(b[at + 4]);
    int secondOfDay = clock(b, at + 6);
    if (month < 0 || day < 1 || secondOfDay < 0) {
      return -1;
    }
    int year = referenceDate.getYear();
    LocalDate date = LocalDate.of(year, month, day);
    if (date.isAfter(referenceDate.plusDays(1))) {
      date = LocalDate.of(year - 1, month, day);
    }
    setLocal(date.toEpochDay() * 86400 + secondOfDay, 0);
    return at + 14;
  }

  /**
   * Reads {@code YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM|+HHMM]} at {@code at}; returns the index
   * after it, or -1. Without an offset the time is local to the zone. With {@code allowSpaceOffset},
   * a {@code " +HHMM"} after a space is read too (Exim writes it so).
   */
  int readIso(byte[] b, int at, int end, boolean allowSpaceOffset) {
    if (end - at < 19) {
      return -1;
    }
    int year = fixed(b, at, 4);
    int month = fixed(b, at + 5, 2);
    int day = fixed(b, at + 8, 2);
    if (year < 0 || month < 0 || day < 0 || b[at + 4] != '-' || b[at + 7] != '-'
        || (b[at + 10] != 'T' && b[at + 10] != ' ') || !validDate(year, month, day)) {
      return -1;
    }
    int secondOfDay = clock(b, at + 11);
    if (secondOfDay < 0) {
      return -1;
    }
    int i = readFraction(b, at + 19, end, true);
    if (i < 0) {
      return -1;
    }
    int frac = fraction;
    long local = LocalDate.of(year, month, day).toEpochDay() * 86400 + secondOfDay;
    int offsetEnd = readOffset(b, i, end);
    if (offsetEnd < 0 && allowSpaceOffset && i < end && b[i] == ' ') {
      offsetEnd = readOffset(b, i + 1, end);
    }
    if (offsetEnd >= 0) {
      epochSecond = local - offset.getTotalSeconds();
      nanos = frac;
      return offsetEnd;
    }
    setLocal(local, frac);
    return i;
  }

  /**
   * Reads an optional fraction of a second ({@code .123456}, or {@code ,123} when {@code comma}) at
   * {@code i} into {@link #fraction} as nanoseconds; index after it (i itself when there is none), or
   * -1 when the separator has no digits after it.
   */
  private int readFraction(byte[] b, int i, int end, boolean comma) {
    fraction = 0;
    if (i >= end || (b[i] != '.' && !(comma && b[i] == ','))) {
      return i;
    }
    int digits = 0;
    int j = i + 1;
    int frac = 0;
    while (j < end && b[j] >= '0' && b[j] <= '9') {
      if (digits < 9) {
        frac = frac * 10 + (b[j] - '0');
        digits++;
      }
      j++;
    }
    if (digits == 0) {
      return -1;
    }
    for (int k = digits; k < 9; k++) {
      frac *= 10;
    }
    fraction = frac;
    return j;
  }

  /** Reads Z, +HH:MM, +HHMM or +HH at {@code i} into {@link #offset}; index after it, or -1. */
  private int readOffset(byte[] b, int i, int end) {
    if (i >= end) {
      return -1;
    }
    if (b[i] == 'Z') {
      offset = ZoneOffset.UTC;
      return i + 1;
    }
    if (b[i] != '+' && b[i] != '-') {
      return -1;
    }
    int sign = b[i] == '-' ? -1 : 1;
    int hh = end - i >= 3 ? fixed(b, i + 1, 2) : -1;
    if (hh < 0 || hh > 18) {
      return -1;
    }
    int j = i + 3;
    int mm = 0;
    if (j + 3 <= end && b[j] == ':') {
      mm = fixed(b, j + 1, 2);
      j += 3;
    } else if (j + 2 <= end && digit(b[j]) >= 0) {
      mm = fixed(b, j, 2);
      j += 2;
    }
    if (mm < 0 || mm > 59) {
      return -1;
    }
    offset = ZoneOffset.ofTotalSeconds(sign * (hh * 3600 + mm * 60));
    return j;
  }

  private void setLocal(long localSecond, int nanoOfSecond) {
    long minute = Math.floorDiv(localSecond, 60);
    if (minute != lastLocalMinute) {
      LocalDateTime ldt = LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC);
      lastLocalOffset = rules.getValidOffsets(ldt).isEmpty() ? rules.getOffset(ldt) : rules.getValidOffsets(ldt).get(0);
      lastLocalMinute = minute;
    }
    offset = lastLocalOffset;
    epochSecond = localSecond - offset.getTotalSeconds();
    nanos = nanoOfSecond;
  }

  private boolean sameBytes(byte[] b, int at) {
    for (int i = 14; i >= 0; i--) {
      if (b[at + i] != lastSyslog[i]) {
        return false;
      }
    }
    return true;
  }

  /** Month 1..12 from a three-letter English abbreviation, or -1. */
  static int month(byte[] b, int at) {
    for (int m = 0; m < 12; m++) {
      if (b[at] == MONTHS.charAt(m * 3) && b[at + 1] == MONTHS.charAt(m * 3 + 1) && b[at + 2] == MONTHS.charAt(m * 3 + 2)) {
        return m + 1;
      }
    }
    return -1;
  }

  /** Seconds of the day from {@code HH:MM:SS} at {@code at}, or -1 (a leap second 60 reads as 59). */
  static int clock(byte[] b, int at) {
    int h = fixed(b, at, 2);
    int m = fixed(b, at + 3, 2);
    int s = fixed(b, at + 6, 2);
    if (h < 0 || m < 0 || s < 0 || b[at + 2] != ':' || b[at + 5] != ':' || h > 23 || m > 59 || s > 60) {
      return -1;
    }
    return h * 3600 + m * 60 + Math.min(s, 59);
  }

  static int fixed(byte[] b, int at, int digits) {
    int v = 0;
    for (int i = 0; i < digits; i++) {
      int d = digit(b[at + i]);
      if (d < 0) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  static int digit(byte c) {
    return c >= '0' && c <= '9' ? c - '0' : -1;
  }

  private static boolean validDate(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= LocalDate.of(year, month, 1).lengthOfMonth();
  }
}
