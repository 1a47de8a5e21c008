package org.abuseloop.bench;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The time of generated lines: starts at a fixed instant and moves forward by a random step per
 * line, and writes itself in the forms logs use. Not thread-safe; one per generator.
 */
final class SimulatedClock {

  private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  private final SplittableRandom random;
  private final int maxStepMillis;
  private long millis;

  /**
   * @param startEpochSecond the first line's time, in the (UTC-written) local time of the log
   * @param maxStepMillis the largest step between two lines
   */
  SimulatedClock(SplittableRandom random, long startEpochSecond, int maxStepMillis) {
    this.random = random;
    this.millis = startEpochSecond * 1000;
    this.maxStepMillis = maxStepMillis;
  }

  void tick() {
    millis += random.nextInt(maxStepMillis + 1);
  }

  long epochMillis() {
    return millis;
  }

  private LocalDateTime local() {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
  }

  /** {@code 2025-03-11 04:12:33}. */
  void appendIso(StringBuilder sb) {
    LocalDateTime t = local();
    sb.append(t.getYear()).append('-');
    two(sb, t.getMonthValue()).append('-');
    two(sb, t.getDayOfMonth()).append(' ');
    appendClock(sb, t);
  }

  /** {@code Mar  1 04:12:33} (BSD syslog: day padded with a space). */
  void appendSyslog(StringBuilder sb) {
    LocalDateTime t = local();
    sb.append(MONTHS[t.getMonthValue() - 1]).append(' ');
    if (t.getDayOfMonth() < 10) {
      sb.append(' ');
    }
    sb.append(t.getDayOfMonth()).append(' ');
    appendClock(sb, t);
  }

  private static void appendClock(StringBuilder sb, LocalDateTime t) {
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond());
  }

  static StringBuilder two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    return sb.append(v);
  }
}
