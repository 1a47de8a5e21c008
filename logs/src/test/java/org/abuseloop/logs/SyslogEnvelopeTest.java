package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Syslog frames that sshd samples use: a bracketed program, an unpadded day. */
class SyslogEnvelopeTest {

  private final TimeReader time = new TimeReader(ZoneOffset.UTC, Instant.parse("2024-06-30T12:00:00Z"));

  private Message read(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    Message m = new Message();
    m.reset(b, 0, b.length, 1, 0);
    return new SyslogEnvelope().read(m, time) ? m : null;
  }

  @Test
  void readsABracketedProgramWithOrWithoutColon() {
    Message colon = read("Mar  3 00:17:22 [sshd]: User root from 192.0.2.1 not allowed");
    assertThat(colon.program()).isEqualTo("sshd");
    assertThat(colon.ascii(colon.start(), colon.end())).isEqualTo("User root from 192.0.2.1 not allowed");
    Message bare = read("Jun 25 23:53:34 [sshd] User root from 192.0.2.1 not allowed");
    assertThat(bare.program()).isEqualTo("sshd");
    assertThat(bare.ascii(bare.start(), bare.end())).isEqualTo("User root from 192.0.2.1 not allowed");
    Message hosted = read("Jun 25 23:53:34 host [sshd] User root");
    assertThat(hosted.program()).isEqualTo("sshd");
    assertThat(read("Jun 25 23:53:34 host [192.0.2.7] x").program()).isEmpty();
    assertThat(read("Jun 25 23:53:34 host [fe80::1] x").program()).isEmpty();
  }

  @Test
  void readsAnUnpaddedSingleDigitDay() {
    Message m = read("Feb 7 16:01:07 linux-m899 sshd[5106]: User root");
    assertThat(m).isNotNull();
    assertThat(m.time()).isEqualTo(Instant.parse("2024-02-07T16:01:07Z"));
    assertThat(m.program()).isEqualTo("sshd");
    Message again = read("Feb 7 16:01:07 linux-m899 sshd[5106]: again");
    assertThat(again.time()).isEqualTo(m.time());
    Message next = read("Feb 17 16:01:07 h sshd[1]: x");
    assertThat(next.time()).isEqualTo(Instant.parse("2024-02-17T16:01:07Z"));
    assertThat(read("Feb 0 16:01:07 h sshd[1]: x")).isNull();
  }
}
