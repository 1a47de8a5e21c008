package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog as one source uses it. */
class ParserCatalogTest {

  @Test
  void forSourceKeepsStatelessParsersAndGivesStatefulOnesAFreshInstance() {
    ParserCatalog shared = ParserCatalog.standard();
    ParserCatalog one = shared.forSource();
    ParserCatalog two = shared.forSource();
    assertThat(one.all()).hasSameSizeAs(shared.all());
    assertThat(one.families()).isEqualTo(shared.families());
    assertThat(one.parser(Service.SSHD)).isNotSameAs(shared.parser(Service.SSHD)).isNotSameAs(two.parser(Service.SSHD));
    assertThat(one.parser(Service.DROPBEAR)).isSameAs(shared.parser(Service.DROPBEAR));
  }

  @Test
  void theFirewallParserOfOneSourceRemembersOnlyWorkSoItsFilesStillParseInChunks() {
    ParserCatalog shared = ParserCatalog.standard();
    ServiceParser own = shared.forSource().parser(Service.FIREWALL);
    assertThat(own).isNotSameAs(shared.parser(Service.FIREWALL));
    assertThat(own.followsEarlierLines()).isFalse();
    assertThat(shared.forSource().parser(Service.SSHD).followsEarlierLines()).isTrue();
    byte[] line = ("Mar 11 00:00:00 gw1 kernel: [812345.006768] [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.7 "
        + "DST=198.51.100.20 LEN=44 PROTO=TCP SPT=61084 DPT=3389 WINDOW=5028").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    LineParser parser = new LineParser(shared, new LogFormat(new SyslogEnvelope(), null),
        new TimeReader(java.time.ZoneOffset.UTC, REFERENCE), "fw.log");
    assertThat(parser.parse(line, 0, line.length, 1, 0)).isNotNull();
    assertThat(parser.usedState()).isFalse();
  }

  private static final Instant REFERENCE = Instant.parse("2024-03-12T00:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"CRON[612]", "systemd-logind[612]", "systemd", "anacron[1]"})
  void linesOfProgramsThatAreNotOursGoToNoParser(String program) {
    assertThat(TestLogs.events(REFERENCE, "Mar 11 00:00:07 gw1 " + program + ": Invalid user pi from 203.0.113.9 port 22")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"myprog[612]", "CRONTAB[612]", "cron2", "sshd[612]"})
  void linesOfOtherProgramsStillReachTheParsers(String program) {
    assertThat(TestLogs.events(REFERENCE, "Mar 11 00:00:07 gw1 " + program + ": Invalid user pi from 203.0.113.9 port 22"))
        .singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(IpAddress.of("203.0.113.9")));
  }

  @Test
  void theParserOfProgramsThatAreNotOursIsNotInTheCatalog() {
    assertThat(ParserCatalog.standard().all()).doesNotContain(ParserCatalog.NOT_OURS);
    assertThat(ParserCatalog.standard().forSource().all()).doesNotContain(ParserCatalog.NOT_OURS);
  }
}
