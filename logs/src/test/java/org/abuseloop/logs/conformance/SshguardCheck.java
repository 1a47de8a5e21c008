package org.abuseloop.logs.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;

/**
 * Runs the cases of some sections of SSHGuard's {@code tests.txt} through abuseloop's parsers, each
 * on its own: a case must give exactly one event from the expected address, or none for {@code *}.
 * Many cases are a bare message; those get a syslog frame with the given program tag
 * ({@code Jan  1 00:00:00 host sshd[1]: }), the rest keep their own. Immutable and thread-safe.
 */
public final class SshguardCheck {

  /** A syslog date (BSD, with an optional unpadded day, or ISO 8601) opening a line that has its own frame. */
  private static final Pattern FRAMED = Pattern.compile("^([A-Z][a-z]{2} [ 0-9]?[0-9] \\d\\d:\\d\\d:\\d\\d |\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)");
  private static final String DATE = "Jan  1 00:00:00 host ";

  private final List<String> sections;
  private final String programTag;

  /**
   * Checks the cases of {@code sections}, framing bare messages as written by {@code programTag}, the
   * program as syslog shows it ({@code sshd[1]}, {@code postfix/smtpd[4242]}, {@code dovecot}).
   */
  public SshguardCheck(List<String> sections, String programTag) {
    this.sections = List.copyOf(sections);
    this.programTag = programTag;
  }

  /** The outcome: how many cases were checked and which failed, each as "line: why | text". */
  public record Result(int cases, List<String> misses) {
    public int passed() {
      return cases - misses.size();
    }
  }

  public Result run(Path testsTxt) throws IOException {
    LogParser parser = new LogParser(ParserCatalog.standard(), Fail2banCheck.FAIL2BAN_TEST_ZONE, null);
    int cases = 0;
    List<String> misses = new ArrayList<>();
    for (SshguardCase c : SshguardCases.read(testsTxt)) {
      if (!sections.contains(c.section())) {
        continue;
      }
      cases++;
      String line = framed(c.text());
      String why = judge(c, Fail2banCheck.parseOne(parser, line));
      if (why != null) {
        misses.add(c.corpusLine() + ": " + why + "  | " + line);
      }
    }
    return new Result(cases, misses);
  }

  /** The line as fed: as written when it has its own frame, else behind a syslog frame of the program. */
  public String framed(String text) {
    return FRAMED.matcher(text).find() ? text : DATE + programTag + ": " + text;
  }

  private static String judge(SshguardCase c, List<Event> events) {
    if (c.expectedAddress() == null) {
      return events.isEmpty() ? null : "expected no event, got " + events.get(0).family() + " from " + events.get(0).sourceText();
    }
    if (events.size() != 1) {
      return "expected an event from " + c.expectedAddress() + ", got " + events.size();
    }
    Event e = events.get(0);
    return IpAddress.of(c.expectedAddress()).equals(e.source()) ? null
        : "expected " + c.expectedAddress() + ", got " + e.sourceText() + " (" + e.family() + ")";
  }
}
