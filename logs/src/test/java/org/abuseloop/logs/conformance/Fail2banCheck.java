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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;

/**
 * Runs fail2ban's annotated samples through abuseloop's parsers and lists each case that disagrees: a
 * {@code match: true} line must give exactly one event naming the annotated host at the annotated
 * month, day and time of day; a {@code match: false} line must give none. fail2ban's expected times
 * are local to Europe/Zurich, the zone its own test suite runs in, so the lines are read in it. A
 * sample without a host accepts any source. Stateless.
 */
public final class Fail2banCheck {

  static final ZoneId FAIL2BAN_TEST_ZONE = ZoneId.of("Europe/Zurich");
  /** The instant that stands for "now" for dates without a year; any year will do, the check ignores it. */
  private static final Instant REFERENCE = Instant.parse("2030-12-31T00:00:00Z");

  /**
   * The outcome for one file: how many cases, which failed and why, and notes on cases not asserted
   * (a {@code match: false} of a filter mode other than the one checked that the parser disagrees with).
   */
  public record Result(String file, int cases, List<String> misses, List<String> notes) {
    public Result(String file, int cases, List<String> misses) {
      this(file, cases, misses, List.of());
    }

    public int passed() {
      return cases - misses.size();
    }

    public double share() {
      return cases == 0 ? 1.0 : (double) passed() / cases;
    }
  }

  private static final Pattern TERM = Pattern.compile("^(name|opts\\.get\\('mode'\\))\\s*(==|!=)\\s*'([^']*)'$");

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

  /**
   * Checks a sample file as fail2ban's harness runs filter {@code filter} in mode {@code mode}: the
   * lines are fed as one log, in order, so a parser may follow a connection from line to line, as
   * fail2ban's multi-line filters do. A sample counts when one of its runs is of that filter and
   * mode and its {@code constraint} holds there (a sample whose constraint fails is not fed). A sample
   * whose runs are all of other modes is fed and, when checking {@code aggressive} (which finds all
   * that the other modes find), its {@code match: true} is asserted; its {@code match: false} only
   * speaks for a narrower mode, so a disagreement there becomes a note, not a miss.
   */
  public static Result runAsLog(Path sampleFile, String filter, String mode) throws IOException {
    List<Fail2banSample> fed = new ArrayList<>();
    List<Boolean> asserted = new ArrayList<>();
    for (Fail2banSample s : Fail2banSamples.read(sampleFile)) {
      List<Fail2banSample.Run> runs = s.runs().stream().filter(r -> holds(r.condition(), filter, r.mode())).toList();
      boolean inMode = runs.stream().anyMatch(r -> r.mode().equals(mode));
      String runMode = inMode ? mode : runs.isEmpty() ? null : runs.get(0).mode();
      if (runMode != null && holds(s.constraint(), filter, runMode)) {
        fed.add(s);
        asserted.add(inMode || (mode.equals("aggressive") && s.match()));
      }
    }
    List<List<Event>> events = parseAsLog(fed);
    List<String> misses = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int cases = 0;
    for (int i = 0; i < fed.size(); i++) {
      Fail2banSample s = fed.get(i);
      String why = judge(s, events.get(i));
      cases += asserted.get(i) ? 1 : 0;
      if (why != null) {
        (asserted.get(i) ? misses : notes).add(s.corpusLine() + ": " + why + "  | " + s.text());
      }
    }
    return new Result(sampleFile.getFileName().toString(), cases, misses, notes);
  }

  /** The events of each sample, the samples read as consecutive lines of one log. */
  private static List<List<Event>> parseAsLog(List<Fail2banSample> samples) throws IOException {
    StringBuilder log = new StringBuilder();
    List<List<Event>> byLine = new ArrayList<>();
    for (Fail2banSample s : samples) {
      log.append(s.text()).append('\n');
      byLine.add(new ArrayList<>());
    }
    LogParser parser = new LogParser(ParserCatalog.standard(), FAIL2BAN_TEST_ZONE, null);
    parser.parse("sample", new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)), REFERENCE,
        e -> byLine.get((int) e.origin().line() - 1).add(e));
    return byLine;
  }

  /** Evaluates fail2ban's simple test conditions ({@code name == 'x'}, {@code opts.get('mode') != 'y'}, joined by "and"). */
  static boolean holds(String condition, String filter, String mode) {
    if (condition == null) {
      return true;
    }
    for (String term : condition.split(" and ")) {
      Matcher m = TERM.matcher(term.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("fail2ban condition not understood: " + condition);
      }
      String actual = m.group(1).equals("name") ? filter : mode;
      if (actual.equals(m.group(3)) != m.group(2).equals("==")) {
        return false;
      }
    }
    return true;
  }

  /** Why the sample is not met, or null when it is. */
  static String check(LogParser parser, Fail2banSample s) throws IOException {
    return judge(s, parseOne(parser, s.text()));
  }

  /** Why {@code events} do not meet the sample, or null when they do. */
  static String judge(Fail2banSample s, List<Event> events) {
    if (!s.match()) {
      return events.isEmpty() ? null : "expected no event, got " + events.get(0).family() + " from " + events.get(0).sourceText();
    }
    if (events.size() != 1) {
      return "expected an event from " + s.host() + ", got " + events.size();
    }
    Event e = events.get(0);
    if (s.host() != null && !sameHost(e, s.host())) {
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
