package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abuseloop.core.Event;
import org.abuseloop.core.Incident;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.conformance.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default scenarios against CrowdSec's hub scenario tests: the log of each test goes through the
 * standard parsers into a detector running the defaults, and the sources of our incidents under the
 * matching default scenario must be exactly the sources that {@code scenario.assert} expects to
 * overflow. The hub's logs come from containers and loopback, so private and loopback sources are
 * included here (the defaults skip them).
 *
 * <p>Deliberate differences from CrowdSec, documented in default-scenarios.yaml: our thresholds fire
 * on the N-th event where a bucket of capacity N overflows on the N+1-th; CrowdSec's ssh-bf and
 * ssh-bf_user-enum are one scenario here (sshd-bf, whose incident lists the users tried); its
 * freeswitch-user-enumeration counts "Can't find user" lines whatever the user, which our
 * freeswitch-bf does (sip-user-enum counts distinct unknown users); and sshd-bf (fail2ban's 5 in 10
 * minutes) also fires on the ssh-slow-bf log, where CrowdSec's ssh-bf (a 10-s leak) stays quiet.
 */
class CrowdsecScenarioConformanceTest {

  private static final Pattern SOURCE = Pattern.compile("^\"([^\"]+)\" in results\\[(\\d+)\\]\\.Overflow\\.GetSources\\(\\)");
  private static final Pattern SCENARIO = Pattern.compile("^results\\[(\\d+)\\]\\.Overflow\\.Alert\\.GetScenario\\(\\) == \"([^\"]+)\"");
  private static final Pattern LOG_FILE = Pattern.compile("(?m)^log_file:\\s*(\\S+)");

  @ParameterizedTest(name = "{0}: {1} as {2}")
  @CsvSource({
      "asterisk-bf, crowdsecurity/asterisk_bf, asterisk-bf",
      "asterisk-user-enum, crowdsecurity/asterisk_user_enum, sip-user-enum",
      "freeswitch-bf, crowdsecurity/freeswitch-bf, freeswitch-bf",
      "freeswitch-user-enumeration, crowdsecurity/freeswitch-user-enumeration, freeswitch-bf",
      "iptables-scan-multi-port, crowdsecurity/iptables-scan-multi_ports, port-scan",
      "ssh-bf, crowdsecurity/ssh-bf, sshd-bf",
      "ssh-bf, crowdsecurity/ssh-bf_user-enum, sshd-bf",
      "ssh-slow-bf, crowdsecurity/ssh-slow-bf, sshd-slow-bf",
      "postfix-sasl-bf, Guezli/postfix-sasl-bf, smtp-auth-bf",
  })
  void ourIncidentSourcesAreTheOverflowsCrowdsecExpects(String test, String theirs, String ours) throws IOException {
    Path dir = Corpus.file("crowdsec-hub-tests/" + test);
    Set<String> expected = expectedSources(dir).getOrDefault(theirs, Set.of());
    Set<String> actual = incidentSources(dir).getOrDefault(ours, Set.of());
    System.out.printf("crowdsec scenario %s: %s expects %s, %s gives %s%n", test, theirs, expected, ours, actual);
    assertThat(expected).as("the hub test names overflows for " + theirs).isNotEmpty();
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1} quiet there, {2} fires")
  @CsvSource({"ssh-slow-bf, crowdsecurity/ssh-bf, sshd-bf, 103.100.210.198"})
  void deliberateDifference(String test, String theirs, String ours, String source) throws IOException {
    Path dir = Corpus.file("crowdsec-hub-tests/" + test);
    assertThat(Files.readString(dir.resolve("config.yaml"))).contains(theirs);
    assertThat(expectedSources(dir)).doesNotContainKey(theirs);
    assertThat(incidentSources(dir).get(ours)).containsExactly(source);
  }

  /** CrowdSec scenario name to the sources its overflows name, from scenario.assert. */
  private static Map<String, Set<String>> expectedSources(Path dir) throws IOException {
    Map<Integer, Set<String>> sources = new TreeMap<>();
    Map<Integer, String> scenarios = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("scenario.assert"), StandardCharsets.UTF_8)) {
      Matcher m = SOURCE.matcher(line);
      if (m.find()) {
        sources.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new TreeSet<>()).add(m.group(1));
      }
      Matcher s = SCENARIO.matcher(line);
      if (s.find()) {
        scenarios.put(Integer.parseInt(s.group(1)), s.group(2));
      }
    }
    Map<String, Set<String>> out = new TreeMap<>();
    sources.forEach((i, set) -> out.computeIfAbsent(scenarios.get(i), k -> new TreeSet<>()).addAll(set));
    return out;
  }

  /** Our scenario id to the sources of its incidents over the test's log. */
  private static Map<String, Set<String>> incidentSources(Path dir) throws IOException {
    Matcher m = LOG_FILE.matcher(Files.readString(dir.resolve("config.yaml")));
    assertThat(m.find()).as("log_file in " + dir).isTrue();
    DetectionConfig defaults = DetectionConfig.defaults();
    Detector detector = Detector.builder(defaults.withSettings(defaults.settings().withPrivateAndLoopback(true, true))).build();
    List<Incident> incidents = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null).parse(dir.resolve(m.group(1)), events::add);
    assertThat(events).as("events parsed from " + dir).isNotEmpty();
    for (Event e : events) {
      incidents.addAll(detector.accept(e));
    }
    incidents.addAll(detector.flush());
    Map<String, Set<String>> out = new TreeMap<>();
    for (Incident i : incidents) {
      if (i.scope() == Incident.Scope.ADDRESS) {
        out.computeIfAbsent(i.scenario(), k -> new TreeSet<>()).add(i.sourceText());
      }
    }
    return out;
  }
}
