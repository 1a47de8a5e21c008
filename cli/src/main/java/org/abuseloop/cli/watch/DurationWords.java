package org.abuseloop.cli.watch;

import java.time.Duration;

/**
 * Writes a ban length the way operators write it: {@code 10m}, {@code 1h30m}, {@code 7d}, {@code 9m59s}
 * (whole seconds, rounded up so a ban never looks shorter than it is). Stateless.
 */
final class DurationWords {

  private DurationWords() {}

  static String of(Duration d) {
    long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    if (s <= 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        b.append(s / units[i]).append(names[i]);
        s %= units[i];
      }
    }
    return b.toString();
  }
}
