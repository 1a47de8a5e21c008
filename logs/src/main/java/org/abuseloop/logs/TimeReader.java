package org.abuseloop.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Reads the timestamp forms logs use (BSD syslog {@code Mmm dd HH:MM:SS}, ISO 8601 / RFC 3339 with or
 * without offset) from bytes into epoch seconds, in the source's zone when the text has no offset.
 * A syslog date without a year takes the year of the reference instant (the file's modification
 * time) and rolls back a year when that would put it more than a day after the reference, so a
 * December line read in January lands in the year before. One per source; not thread-safe (it
 * caches the last date it read and the span of local time between two offset transitions of the
 * zone, which is what makes a line's time cost a few byte comparisons; a line of the same second as
 * the one before costs two or three word comparisons).
 */
public final class TimeReader {

  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private final ZoneId zone;
  private final ZoneRules rules;
  private final LocalDate referenceDate;
  /** The last {@code "Mmm dd "} read and its epoch day: lines of one day share it. */
  private final byte[] lastSyslogDate = new byte[7];
  private long lastSyslogDay = Long.MIN_VALUE;
  /** The last {@code "YYYY-MM-DD"} read and its epoch day. */
  private final byte[] lastIsoDate = new byte[10];
  private long lastIsoDay = Long.MIN_VALUE;
  /** The last whole {@code "Mmm dd HH:MM:SS"} read, as two overlapping words, and its local second. */
  private long lastSyslogHead;
  private long lastSyslogTail;
  private long lastSyslogLocal = Long.MIN_VALUE;
  /** The last whole {@code "YYYY-MM-DD?HH:MM:SS"} read, as three overlapping words, and its local second. */
  private final long[] lastIsoWords = new long[3];
  private long lastIsoLocal = Long.MIN_VALUE;
  /** Local seconds {@code [offsetFrom, offsetUntil)} all have {@link #rangeOffset}: no transition between. */
  private long offsetFrom = 1;
  private long offsetUntil = 0;
  private ZoneOffset rangeOffset;

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
    if (end - at >= 15 && Bytes.longAt(b, at) == lastSyslogHead && Bytes.longAt(b, at + 7) == lastSyslogTail
        && lastSyslogLocal != Long.MIN_VALUE) {
      // The same "Mmm dd HH:MM:SS" as the last line read (a padded day, never the unpadded form below).
      setLocal(lastSyslogLocal, 0);
      return at + 15;
    }
    if (end - at >= 14 && b[at + 3] == ' ' && digit(b[at + 4]) >= 0 && b[at + 5] == ' ') {
      return readUnpaddedSyslog(b, at);
    }
    if (end - at < 15) {
      return -1;
    }
    long day = sameBytes(b, at, lastSyslogDate) ? lastSyslogDay : syslogDay(b, at);
    if (day == Long.MIN_VALUE) {
      return -1;
    }
    int secondOfDay = clock(b, at + 7);
    if (secondOfDay < 0) {
      return -1;
    }
    lastSyslogHead = Bytes.longAt(b, at);
    lastSyslogTail = Bytes.longAt(b, at + 7);
    lastSyslogLocal = day * 86400 + secondOfDay;
    setLocal(lastSyslogLocal, 0);
    return at + 15;
  }

  /** The epoch day of {@code "Mmm dd "} at {@code at} (remembered for the next line), or MIN_VALUE. */
  private long syslogDay(byte[] b, int at) {
    int month = month(b, at);
    if (month < 0 || b[at + 3] != ' ') {
      return Long.MIN_VALUE;
    }
    int d1 = b[at + 4] == ' ' ? 0 : digit(b[at + 4]);
    int d2 = digit(b[at + 5]);
    if (d1 < 0 || d2 < 0 || b[at + 6] != ' ') {
      return Long.MIN_VALUE;
    }
    int day = d1 * 10 + d2;
    if (day < 1 || day > 31) {
      return Long.MIN_VALUE;
    }
    int year = referenceDate.getYear();
    LocalDate date = validDate(year, month, day) ? LocalDate.of(year, month, day) : null;
    if (date == null || date.isAfter(referenceDate.plusDays(1))) {
      if (!validDate(year - 1, month, day)) {
        return Long.MIN_VALUE;
      }
      date = LocalDate.of(year - 1, month, day);
    }
    System.arraycopy(b, at, lastSyslogDate, 0, lastSyslogDate.length);
    lastSyslogDay = date.toEpochDay();
    return lastSyslogDay;
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
   * Reads {@code YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM|+HHMM]} at {@code at}; returns the index
   * after it, or -1. Without an offset the time is local to the zone. With {@code allowSpaceOffset},
   * a {@code " +HHMM"} after a space is read too (Exim writes it so).
   */
  int readIso(byte[] b, int at, int end, boolean allowSpaceOffset) {
    if (end - at < 19) {
      return -1;
    }
    long local = sameIsoSecond(b, at) ? lastIsoLocal : isoLocal(b, at);
    if (local == Long.MIN_VALUE) {
      return -1;
    }
    int i = readFraction(b, at + 19, end, true);
    if (i < 0) {
      return -1;
    }
    int frac = fraction;
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

  /** True when {@code "YYYY-MM-DD?HH:MM:SS"} at {@code at} is the one {@link #isoLocal} read last. */
  private boolean sameIsoSecond(byte[] b, int at) {
    return Bytes.longAt(b, at) == lastIsoWords[0] && Bytes.longAt(b, at + 8) == lastIsoWords[1]
        && Bytes.longAt(b, at + 11) == lastIsoWords[2] && lastIsoLocal != Long.MIN_VALUE;
  }

  /**
   * The local second of {@code "YYYY-MM-DD[T ]HH:MM:SS"} at {@code at} (remembered with its bytes for
   * the next line), or MIN_VALUE.
   */
  private long isoLocal(byte[] b, int at) {
    long epochDay = sameBytes(b, at, lastIsoDate) ? lastIsoDay : isoDay(b, at);
    if (epochDay == Long.MIN_VALUE || (b[at + 10] != 'T' && b[at + 10] != ' ')) {
      return Long.MIN_VALUE;
    }
    int secondOfDay = clock(b, at + 11);
    if (secondOfDay < 0) {
      return Long.MIN_VALUE;
    }
    lastIsoWords[0] = Bytes.longAt(b, at);
    lastIsoWords[1] = Bytes.longAt(b, at + 8);
    lastIsoWords[2] = Bytes.longAt(b, at + 11);
    lastIsoLocal = epochDay * 86400 + secondOfDay;
    return lastIsoLocal;
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

  /** The epoch day of {@code "YYYY-MM-DD"} at {@code at} (remembered for the next line), or MIN_VALUE. */
  private long isoDay(byte[] b, int at) {
    int year = fixed(b, at, 4);
    int month = fixed(b, at + 5, 2);
    int day = fixed(b, at + 8, 2);
    if (year < 0 || month < 0 || day < 0 || b[at + 4] != '-' || b[at + 7] != '-' || !validDate(year, month, day)) {
      return Long.MIN_VALUE;
    }
    System.arraycopy(b, at, lastIsoDate, 0, lastIsoDate.length);
    lastIsoDay = LocalDate.of(year, month, day).toEpochDay();
    return lastIsoDay;
  }

  /**
   * Sets the time from a local second of the zone. A local time in a gap or an overlap of a
   * transition takes the offset before the transition (as {@link ZoneRules#getValidOffsets} lists it
   * first, or {@link ZoneRules#getOffset(LocalDateTime)} gives it in a gap).
   */
  private void setLocal(long localSecond, int nanoOfSecond) {
    if (localSecond < offsetFrom || localSecond >= offsetUntil) {
      rangeOffset = lookUpOffset(localSecond);
    }
    offset = rangeOffset;
    epochSecond = localSecond - offset.getTotalSeconds();
    nanos = nanoOfSecond;
  }

  /** The offset of a local second, remembering the span of local time that has it unambiguously. */
  private ZoneOffset lookUpOffset(long localSecond) {
    LocalDateTime ldt = LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC);
    List<ZoneOffset> valid = rules.getValidOffsets(ldt);
    ZoneOffset found = valid.isEmpty() ? rules.getOffset(ldt) : valid.get(0);
    if (rules.isFixedOffset()) {
      offsetFrom = Long.MIN_VALUE;
      offsetUntil = Long.MAX_VALUE;
      return found;
    }
    Instant instant = Instant.ofEpochSecond(localSecond - found.getTotalSeconds());
    ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
    ZoneOffsetTransition next = rules.nextTransition(instant);
    long from = previous == null ? Long.MIN_VALUE : Math.max(local(previous.getDateTimeBefore()), local(previous.getDateTimeAfter()));
    long until = next == null ? Long.MAX_VALUE : Math.min(local(next.getDateTimeBefore()), local(next.getDateTimeAfter()));
    if (from <= localSecond && localSecond < until) {
      offsetFrom = from;
      offsetUntil = until;
    } else {
      // Inside a gap or an overlap: look it up again next time.
      offsetFrom = 1;
      offsetUntil = 0;
    }
    return found;
  }

  private static long local(LocalDateTime t) {
    return t.toEpochSecond(ZoneOffset.UTC);
  }

  private static boolean sameBytes(byte[] b, int at, byte[] last) {
    for (int i = last.length - 1; i >= 0; i--) {
      if (b[at + i] != last[i]) {
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
