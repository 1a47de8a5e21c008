package org.abuseloop.logs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Service;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the Asterisk and FreeSWITCH parsers to fail2ban's annotated samples (every case must pass)
 * and to the CrowdSec hub's tests: each line the hub's s01 parser parsed gives one event from the
 * same source, each line it refused gives none (the only one is Asterisk's informational
 * {@code ChallengeSent}), and every other line (all of them attack lines: the folders without a
 * parser.assert, and asterisk-logs' last line, a TLS one the hub has no result for) gives one event
 * from a source the hub names for the folder.
 */
class SipConformanceTest {

  private static final Pattern SCENARIO_SOURCE = Pattern.compile("Sources\\[\"([^\"]+)\"\\]");

  @ParameterizedTest
  @ValueSource(strings = {"asterisk", "freeswitch"})
  void passesEveryFail2banSample(String service) throws IOException {
    Fail2banCheck.Result r = Fail2banCheck.run(Corpus.file("fail2ban-logs/" + service));
    System.out.printf("fail2ban %s: %d/%d%n", r.file(), r.passed(), r.cases());
    assertThat(r.cases()).isGreaterThan(10);
    assertThat(r.share()).as("misses:%n%s", String.join("\n", r.misses())).isEqualTo(1.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "asterisk-bf", "asterisk-logs", "asterisk-syslogs", "asterisk-user-enum",
      "freeswitch", "freeswitch-bf", "freeswitch-acl-reject", "freeswitch-user-enumeration"})
  void agreesWithTheCrowdsecHub(String folder) throws IOException {
    Path dir = Corpus.file("crowdsec-hub-tests/" + folder);
    CrowdsecHubTest hub = CrowdsecHubTest.read(dir);
    Map<Integer, List<Event>> events = parse(hub.lines());
    Set<String> knownSources = knownSources(dir, hub);
    Service service = folder.startsWith("asterisk") ? Service.ASTERISK : Service.FREESWITCH;
    List<String> misses = new ArrayList<>();
    for (int i = 0; i < hub.lines().size(); i++) {
      List<Event> got = events.getOrDefault(i, List.of());
      String why = check(hub.parsed().get(i), got, knownSources, service);
      if (why != null) {
        misses.add("line " + i + ": " + why + "  | " + hub.lines().get(i));
      }
    }
    System.out.printf("crowdsec %s: %d/%d%n", folder, hub.lines().size() - misses.size(), hub.lines().size());
    assertThat(hub.lines()).isNotEmpty();
    assertThat(misses).as("misses in %s", folder).isEmpty();
  }

  /** Why line's events disagree with the hub, or null when they agree. */
  private static String check(CrowdsecHubTest.Expectation expected, List<Event> got, Set<String> knownSources, Service service) {
    if (expected != null && !expected.success()) {
      return got.isEmpty() ? null : "the hub refused the line, got " + got.get(0).family();
    }
    if (got.size() != 1) {
      return "expected one event, got " + got.size();
    }
    Event e = got.get(0);
    if (e.service() != service) {
      return "expected a " + service + " event, got " + e.family();
    }
    if (expected != null) {
      return IpAddress.parse(expected.sourceIp()).equals(e.source()) ? null
          : "expected source " + expected.sourceIp() + ", got " + e.sourceText();
    }
    return knownSources.contains(e.sourceText()) ? null
        : "source " + e.sourceText() + " is not among the hub's " + knownSources;
  }

  /** Events by 0-based line index; the lines are parsed together, as one file. */
  private static Map<Integer, List<Event>> parse(List<String> lines) throws IOException {
    LogParser parser = new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null);
    byte[] file = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    Map<Integer, List<Event>> byLine = new TreeMap<>();
    parser.parse("hub", new ByteArrayInputStream(file), Instant.parse("2024-12-31T00:00:00Z"),
        e -> byLine.computeIfAbsent((int) e.origin().line() - 1, k -> new ArrayList<>()).add(e));
    return byLine;
  }

  /** The sources the hub names for the folder: in scenario.assert, and on the lines its parser read. */
  private static Set<String> knownSources(Path dir, CrowdsecHubTest hub) throws IOException {
    Set<String> sources = new LinkedHashSet<>();
    hub.parsed().values().stream()
        .filter(x -> x.success() && x.sourceIp() != null)
        .forEach(x -> sources.add(x.sourceIp()));
    Path file = dir.resolve("scenario.assert");
    if (Files.exists(file)) {
      Matcher m = SCENARIO_SOURCE.matcher(Files.readString(file));
      while (m.find()) {
        sources.add(m.group(1));
      }
    }
    return sources;
  }
}
