package org.abuseloop.logs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the mail parsers against other projects' expectations: fail2ban's annotated postfix, dovecot,
 * exim, sendmail and courier samples, SSHGuard's mail cases and CrowdSec's mail hub tests. Each test
 * prints what it missed, so the figures in docs/conformance.md can be checked.
 */
class MailConformanceTest {

  private static final ZoneOffset UTC = ZoneOffset.UTC;

  /**
   * Lines where another reference contradicts fail2ban, by file and corpus line, with the reason. The
   * test fails on any miss not listed here.
   */
  private static final Map<String, Map<Integer, String>> KNOWN_DISAGREEMENTS = Map.of(
      "postfix", Map.of(179, "'lost connection after AUTH' is left out by fail2ban to avoid counting the "
          + "'disconnect ... auth=0/1' line twice, but SSHGuard's postfix cases (and the brief) count it as an attack; "
          + "abuseloop emits it as postfix.smtpd.lost-connection (kind SCANNER), so AUTH_FAILURE counts stay single"));

  static Stream<Arguments> fail2banFiles() {
    return Stream.of(
        Arguments.of("postfix", 0.98),
        Arguments.of("dovecot", 0.95),
        Arguments.of("exim", 0.95),
        Arguments.of("exim-spam", 0.95),
        Arguments.of("sendmail-auth", 0.95),
        Arguments.of("sendmail-reject", 0.95),
        Arguments.of("courier-smtp", 0.95));
  }

  /**
   * abuseloop reports what fail2ban's aggressive mode reports (see {@link Fail2banCheck#runAsAggressive});
   * the all-modes figure is printed beside it, since some lines are a match in one mode and not in another.
   */
  @ParameterizedTest(name = "fail2ban {0}")
  @MethodSource("fail2banFiles")
  void fail2banSamples(String file, double required) throws IOException {
    Path path = Corpus.file("fail2ban-logs/" + file);
    Fail2banCheck.Result aggressive = Fail2banCheck.runAsAggressive(path);
    Fail2banCheck.Result all = Fail2banCheck.run(path);
    System.out.printf("fail2ban %s: %d/%d as aggressive mode, %d/%d over every mode%n", file, aggressive.passed(),
        aggressive.cases(), all.passed(), all.cases());
    Map<Integer, String> known = KNOWN_DISAGREEMENTS.getOrDefault(file, Map.of());
    List<String> unexplained = new ArrayList<>();
    for (String miss : aggressive.misses()) {
      int line = Integer.parseInt(miss.substring(0, miss.indexOf(':')));
      System.out.println("  miss " + file + ":" + miss + (known.containsKey(line) ? "  [known: " + known.get(line) + "]" : ""));
      if (!known.containsKey(line)) {
        unexplained.add(miss);
      }
    }
    all.misses().stream().filter(m -> !aggressive.misses().contains(m))
        .forEach(m -> System.out.println("  mode-only " + file + ":" + m));
    assertThat(unexplained).as("misses of %s with no known reason", file).isEmpty();
    assertThat(aggressive.share()).as("share of %s", file).isGreaterThanOrEqualTo(required);
  }

  /** The SSHGuard sections this test holds the mail parsers to, with the program a bare message is framed as. */
  private static final Map<String, String> SSHGUARD_PROGRAMS = Map.of(
      "exim", "exim[4242]", "sendmail", "sm-mta[4242]", "dovecot", "dovecot", "postfix", "postfix/smtpd[4242]",
      "courier", "courieresmtpd");

  @ParameterizedTest(name = "sshguard {0}")
  @ValueSource(strings = {"exim", "sendmail", "dovecot", "postfix", "courier"})
  void sshguardCases(String section) throws IOException {
    SshguardCheck.Result r = new SshguardCheck(List.of(section), SSHGUARD_PROGRAMS.get(section)).run(Corpus.file("sshguard/tests.txt"));
    System.out.printf("sshguard %s: %d/%d%n", section, r.passed(), r.cases());
    r.misses().forEach(m -> System.out.println("  miss sshguard " + section + ":" + m));
    assertThat(r.cases()).isPositive();
    assertThat(r.misses()).isEmpty();
  }

  @ParameterizedTest(name = "crowdsec {0}")
  @ValueSource(strings = {"postfix-sasl-bf", "postfix-spam", "exim-bf", "dovecot-slow-bf"})
  void crowdsecHubTests(String name) throws IOException {
    CrowdsecHubTest test = CrowdsecHubTest.read(Corpus.file("crowdsec-hub-tests/" + name));
    Map<Long, Event> byLine = new HashMap<>();
    for (Event e : parse(String.join("\n", test.lines()))) {
      byLine.put(e.origin().line(), e);
    }
    List<String> misses = new ArrayList<>();
    int checked = 0;
    for (int i = 0; i < test.lines().size(); i++) {
      Event e = byLine.get(i + 1L);
      CrowdsecHubTest.Expectation want = test.parsed().get(i);
      if (test.parsed().isEmpty() || (want != null && want.success())) {
        checked++;
        String ip = want == null ? null : want.sourceIp();
        if (e == null) {
          misses.add(i + ": no event  | " + test.lines().get(i));
        } else if (ip != null && !IpAddress.parse(ip).equals(e.source())) {
          misses.add(i + ": expected " + ip + ", got " + e.sourceText() + "  | " + test.lines().get(i));
        }
      }
    }
    System.out.printf("crowdsec %s: %d/%d%n", name, checked - misses.size(), checked);
    misses.forEach(m -> System.out.println("  miss crowdsec " + name + ":" + m));
    assertThat(checked).isPositive();
    assertThat(misses).isEmpty();
  }

  private static List<Event> parse(String text) throws IOException {
    List<Event> events = new ArrayList<>();
    LogParser parser = new LogParser(ParserCatalog.standard(), UTC, null);
    parser.parse("case", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        Instant.parse("2030-12-31T00:00:00Z"), events::add);
    return events;
  }
}
