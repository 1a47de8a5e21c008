package org.abuseloop.cli.watch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.abuseloop.core.Event;
import org.abuseloop.core.Service;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.logs.LineParser;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.SyslogEnvelope;
import org.abuseloop.logs.TimeReader;

/**
 * A start-up step of {@code watch}: runs the parse and detect code on synthetic sshd failures (from
 * documentation addresses) through a parser and a detector of its own that are thrown away, so that a
 * burst arriving right after start does not run in the interpreter. Bans nothing, stores nothing,
 * prints nothing; not thread-safe (called once, on the starting thread).
 */
final class WarmUp {

  /** Failures per synthetic source: enough for the default scenarios to open incidents. */
  static final int FAILURES = 12;
  /** Synthetic sources: IPv4 in the three documentation /24s, the rest in 2001:db8::/32. */
  static final int SOURCES = 4_000;

  private WarmUp() {}

  /** Runs the warm-up with {@code detection} at {@code now}; returns how many incidents it saw (to keep the work alive). */
  static long run(DetectionConfig detection, Instant now) {
    Detector detector = Detector.builder(detection).build();
    LineParser parser = new LineParser(ParserCatalog.standard(), new LogFormat(new SyslogEnvelope(), Service.SSHD),
        new TimeReader(ZoneOffset.UTC, now), "warm-up");
    String stamp = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC).format(now);
    long incidents = 0;
    long line = 0;
    for (int round = 0; round < FAILURES; round++) {
      for (int s = 0; s < SOURCES; s++) {
        byte[] b = (stamp + " warm-up sshd[" + (1000 + s) + "]: Failed password for root from " + address(s)
            + " port " + (40000 + round) + " ssh2").getBytes(StandardCharsets.US_ASCII);
        Event e = parser.parse(b, 0, b.length, ++line, 0);
        if (e != null) {
          incidents += detector.accept(e).size();
        }
      }
    }
    return incidents;
  }

  private static String address(int s) {
    String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
    return s < 3 * 254 ? nets[s % 3] + (s / 3 + 1) : "2001:db8:" + Integer.toHexString(s) + "::1";
  }

  /** How long {@link #run} took, for the start-up log. */
  static Duration timed(DetectionConfig detection, Instant now) {
    long t0 = System.nanoTime();
    run(detection, now);
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
