package org.abuseloop.logs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abuseloop.core.Event;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.ParserCatalog;
import org.junit.jupiter.api.Test;

/**
 * Holds the firewall parser to the CrowdSec hub's iptables tests. {@code iptables-logs}: each line
 * the hub's parser parsed gives one event with the hub's {@code source_ip}, each line it refused
 * gives none. {@code iptables-scan-multi-port} has no parser assertions, only the scenario's: every
 * line gives one event from its {@code SRC=} except UFW's {@code [UFW AUDIT]} lines, which log
 * packets before any verdict (the hub stopped counting them as drops, crowdsecurity/hub#1582); fed
 * to the scenario's rule (more than 15 distinct target ports from one source), our events must
 * overflow for exactly the sources the hub's {@code scenario.assert} lists.
 */
class CrowdsecIptablesTest {

  private static final Pattern OVERFLOW_SOURCE = Pattern.compile("results\\[\\d+\\]\\.Overflow\\.Sources\\[\"([^\"]+)\"\\]\\.IP ==");
  private static final Pattern SRC = Pattern.compile(" SRC=(\\S+)");
  /** The scenario's bucket capacity: the 16th distinct port from one source overflows it. */
  private static final int CAPACITY = 15;

  private final LogParser parser = new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null);

  @Test
  void iptablesLogsAgreeWithTheHubParserOnEveryLine() throws IOException {
    CrowdsecHubTest hub = CrowdsecHubTest.read(Corpus.file("crowdsec-hub-tests/iptables-logs"));
    assertThat(hub.parsed()).isNotEmpty();
    List<String> misses = new ArrayList<>();
    hub.parsed().forEach((index, expected) -> {
      String line = hub.lines().get(index);
      List<Event> events = parse(line);
      boolean ok = expected.success()
          ? events.size() == 1 && events.get(0).sourceText().equals(expected.sourceIp())
          : events.isEmpty();
      if (!ok) {
        misses.add(index + ": hub " + expected + ", abuseloop " + events + " | " + line);
      }
    });
    System.out.printf("crowdsec iptables-logs: %d/%d lines agree with the hub%n", hub.parsed().size() - misses.size(), hub.parsed().size());
    assertThat(misses).isEmpty();
  }

  @Test
  void iptablesScanMultiPortGivesTheHubsOverflows() throws IOException {
    Path dir = Corpus.file("crowdsec-hub-tests/iptables-scan-multi-port");
    CrowdsecHubTest hub = CrowdsecHubTest.read(dir);
    assertThat(hub.lines()).hasSizeGreaterThan(CAPACITY);
    List<String> misses = new ArrayList<>();
    Map<String, Set<Integer>> portsBySource = new HashMap<>();
    for (int i = 0; i < hub.lines().size(); i++) {
      String line = hub.lines().get(i);
      List<Event> events = parse(line);
      if (line.contains("[UFW AUDIT]")) {
        if (!events.isEmpty()) {
          misses.add(i + ": an audit line gave " + events);
        }
        continue;
      }
      Matcher src = SRC.matcher(line);
      assertThat(src.find()).as(line).isTrue();
      if (events.size() != 1 || !events.get(0).sourceText().equals(src.group(1))) {
        misses.add(i + ": expected one event from " + src.group(1) + ", got " + events);
        continue;
      }
      portsBySource.computeIfAbsent(events.get(0).sourceText(), s -> new HashSet<>()).add(events.get(0).targetPort());
    }
    Set<String> overflowing = new TreeSet<>();
    portsBySource.forEach((source, ports) -> {
      if (ports.size() > CAPACITY) {
        overflowing.add(source);
      }
    });
    System.out.printf("crowdsec iptables-scan-multi-port: %d/%d lines as expected (%d UFW AUDIT lines give none);"
        + " overflows %s, hub %s%n", hub.lines().size() - misses.size(), hub.lines().size(),
        hub.lines().stream().filter(l -> l.contains("[UFW AUDIT]")).count(), overflowing, hubOverflows(dir));
    assertThat(misses).isEmpty();
    assertThat(overflowing).isEqualTo(hubOverflows(dir));
  }

  private static Set<String> hubOverflows(Path dir) throws IOException {
    Set<String> sources = new TreeSet<>();
    Matcher m = OVERFLOW_SOURCE.matcher(Files.readString(dir.resolve("scenario.assert"), StandardCharsets.UTF_8));
    while (m.find()) {
      sources.add(m.group(1));
    }
    return sources;
  }

  private List<Event> parse(String line) {
    try {
      return Fail2banCheck.parseOne(parser, line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
