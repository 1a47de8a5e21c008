package org.abuseloop.detect;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reads durations as fail2ban and CrowdSec users write them: a whole number and a unit ({@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}), or ISO-8601 ({@code PT10M}). Stateless and
 * thread-safe. Written here because {@code java.time} reads only ISO-8601 and this grammar is a
 * number and a unit.
 */
public final class DurationText {

  private DurationText() {}

  /** The duration, or null when the text is not one. */
  public static Duration parse(String text) {
    String t = text.strip();
    if (t.startsWith("P") || t.startsWith("-P")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    int i = t.startsWith("-") ? 1 : 0;
    int digits = i;
    while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
      digits++;
    }
    if (digits == i || digits - i > 12) {
      return null;
    }
    long n = Long.parseLong(t.substring(0, digits));
    return switch (t.substring(digits).strip()) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> null;
    };
  }
}
