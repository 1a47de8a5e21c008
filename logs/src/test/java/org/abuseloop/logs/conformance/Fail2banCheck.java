package org.abuseloop.logs.conformance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;

/**
 * Runs fail2ban's annotated samples through abuseloop's parsers and lists each case that disagrees: a
 * {@code match: true} line must give exactly one event naming the annotated host at the annotated
 * month, day and time of day; a {@code match: false} line must give none. fail2ban's expected times
 * are local to Europe/Zurich, the zone its own test suite runs in, so the lines are read in it.
 */
public final class Fail2banCheck {

  static final ZoneId FAIL2BAN_TEST_ZONE = ZoneId.of("Europe/Zurich");
  /** The instant that stands for "now" for dates without a year; any year will do, the check ignores it. */
  private static final Instant REFERENCE = Instant.parse("2030-12-31T00:00:00Z");

  /** The outcome for one file: how many cases, and which failed and why. */
  public record Result(String file, int cases, List<String> misses) {
    public int passed() {
      return cases - misses.size();
    }

    public double share() {
      return cases == 0 ? 1.0 : (double) passed() / cases;
    }
  }

  private Fail2banCheck() {}

  /** Checks every annotated case, whatever filter mode its annotation is for. */
  public static Result run(Path sampleFile) throws IOException {
    return run(sampleFile, Fail2banSamples.read(sampleFile));
  }

  /**
   * Checks the cases as fail2ban's most inclusive mode ({@code aggressive}) would see them, which is
   * what abuseloop reports (its scenarios, not its parsers, decide what to act on). A match in any
   * mode is a match in the aggressive mode; a non-match annotated only for narrower modes says nothing
   * about it and is left out, when the filter has an aggressive mode at all.
   */
  public static Result runAsAggressive(Path sampleFile) throws IOException {
    List<Fail2banSample> samples = Fail2banSamples.read(sampleFile);
    boolean hasAggressive = samples.stream().anyMatch(Fail2banSample::forAggressive);
    List<Fail2banSample> kept = new ArrayList<>();
    for (Fail2banSample s : samples) {
      if (s.match() || !hasAggressive || s.forAggressive()) {
        kept.add(s);
      }
    }
    return run(sampleFile, kept);
  }

  private static Result run(Path sampleFile, List<Fail2banSample> samples) throws IOException {
    LogParser parser = new LogParser(ParserCatalog.standard(), FAIL2BAN_TEST_ZONE, null);
    List<String> misses = new ArrayList<>();
    for (Fail2banSample s : samples) {
      String why = check(parser, s);
      if (why != null) {
        misses.add(s.corpusLine() + ": " + why + "  | " + s.text());
      }
    }
    return new Result(sampleFile.getFileName().toString(), samples.size(), misses);
  }

  /** Why the sample is not met, or null when it is. */
  static String check(LogParser parser, Fail2banSample s) throws IOException {
    List<Event> events = parseOne(parser, s.text());
    if (!s.match()) {
      return events.isEmpty() ? null : "expected no event, got " + events.get(0).family() + " from " + events.get(0).sourceText();
    }
    if (events.size() != 1) {
      return "expected an event from " + s.host() + ", got " + events.size();
    }
    Event e = events.get(0);
    if (!sameHost(e, s.host())) {
      return "expected host " + s.host() + ", got " + e.sourceText() + " (" + e.family() + ")";
    }
    if (s.time() != null) {
      LocalDateTime got = LocalDateTime.ofInstant(e.time(), FAIL2BAN_TEST_ZONE);
      LocalDateTime want = s.time();
      if (got.getMonth() != want.getMonth() || got.getDayOfMonth() != want.getDayOfMonth() || !got.toLocalTime().withNano(0).equals(want.toLocalTime())) {
        return "expected time " + want + ", got " + got;
      }
    }
    return null;
  }

  public static List<Event> parseOne(LogParser parser, String line) throws IOException {
    List<Event> events = new ArrayList<>();
    parser.parse("sample", new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), REFERENCE, events::add);
    return events;
  }

  private static boolean sameHost(Event e, String host) {
    IpAddress want = IpAddress.parse(host);
    if (want != null) {
      return want.equals(e.source());
    }
    return host.equalsIgnoreCase(e.sourceHost());
  }
}
