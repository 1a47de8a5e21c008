package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The syslog envelope reads a line's host and program the same whether or not the source's previous
 * line left its tokens in {@link HostAndProgram}: a run of lines read through one message gives, line
 * for line, what a fresh message gives each line.
 */
class HostAndProgramTest {

  private static final Instant REFERENCE = Instant.parse("2024-03-10T12:00:00Z");

  @Property(tries = 500)
  void rememberedTokensReadAsTheTokensThemselves(@ForAll("lines") List<String> lines) {
    Message shared = new Message();
    SyslogEnvelope envelope = new SyslogEnvelope();
    TimeReader time = new TimeReader(ZoneOffset.UTC, REFERENCE);
    for (String line : lines) {
      // In a buffer that goes on past the line, as the line reader's does.
      int n = line.getBytes(StandardCharsets.UTF_8).length;
      byte[] b = (line + "\nMar 11 00:00:00 gw1 kernel: gw1 kernel: gw1 kernel: gw1 kernel: ").getBytes(StandardCharsets.UTF_8);
      shared.reset(b, 0, n, 1, 0);
      boolean read = envelope.read(shared, time);
      Message fresh = new Message();
      fresh.reset(b, 0, n, 1, 0);
      assertThat(read).as(line).isEqualTo(envelope.read(fresh, new TimeReader(ZoneOffset.UTC, REFERENCE)));
      if (read) {
        assertThat(shared.program()).as(line).isEqualTo(fresh.program());
        assertThat(shared.start()).as(line).isEqualTo(fresh.start());
        assertThat(shared.end()).as(line).isEqualTo(fresh.end());
        assertThat(shared.processId()).as(line).isEqualTo(fresh.processId());
      }
    }
  }

  @Provide
  Arbitrary<List<String>> lines() {
    Arbitrary<String> stamp = Arbitraries.of("Mar 11 00:00:00 ", "2024-03-11 00:00:00 ", "2024-03-11T00:00:00Z ", "<13>Mar 11 00:00:01 ");
    Arbitrary<String> tokens = Arbitraries.of("gw1 kernel: ", "gw1 kernel:", "gw1 kernel: ", "gw1 sshd[12]: ", "gw1 sshd[123]: ",
        "kernel: ", "gw1 [sshd]: ", "gw1 [sshd] ", "gw1 ", "gw1  kernel: ", "a-very-long-host-name.example.org kernel: ",
        "gw1 kernel:x ", "gw2 kernel: ", "gw1 kernel ", "gw1 /usr/sbin/cron[9]: ", "gw1 kernel: ");
    Arbitrary<String> message = Arbitraries.of("[1.5] IN=eth0 OUT= SRC=203.0.113.7", "", "x", "Invalid user a from 192.0.2.1");
    Arbitrary<Integer> cut = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(1000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 60)));
    return Combinators.combine(stamp, tokens, message, cut)
        .as((s, t, m, c) -> { String l = s + t + m; return l.substring(0, Math.min(c, l.length())); })
        .list().ofMinSize(1).ofMaxSize(20);
  }
}
