package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The process id a frame gives, and needle matching at a position. */
class MessageTest {

  private static Message framed(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    Message m = new Message();
    m.reset(b, 0, b.length, 1, 0);
    assertThat(new SyslogEnvelope().read(m, new TimeReader(ZoneOffset.UTC, Instant.parse("2024-06-30T00:00:00Z")))).isTrue();
    return m;
  }

  @Test
  void readsTheProcessIdOfBsdAndRfc5424Frames() {
    assertThat(framed("Jun 12 10:00:00 host sshd[4242]: hello").processId()).isEqualTo(4242);
    assertThat(framed("Jun 12 10:00:00 sshd-session[7]: hello").processId()).isEqualTo(7);
    assertThat(framed("<38>1 2019-07-08T17:40:16Z host sshd 57915 - - hello").processId()).isEqualTo(57915);
  }

  @Test
  void saysMinusOneWhenThereIsNoProcessId() {
    assertThat(framed("Jun 12 10:00:00 host kernel: hello").processId()).isEqualTo(-1);
    assertThat(framed("Jun 12 10:00:00 host [sshd]: hello").processId()).isEqualTo(-1);
    assertThat(framed("Jun 12 10:00:00 host sshd[12x]: hello").processId()).isEqualTo(-1);
    assertThat(framed("Jun 12 10:00:00 host sshd[]: hello").processId()).isEqualTo(-1);
    assertThat(framed("<38>1 2019-07-08T17:40:16Z host sshd - - - hello").processId()).isEqualTo(-1);
    assertThat(new Message().processId()).isEqualTo(-1);
  }

  @Test
  void programIsANeedleComparesTheWholeName() {
    Message m = framed("Jun 12 10:00:00 host kernel: hello");
    assertThat(m.programIs(Needle.of("kernel"))).isTrue();
    assertThat(m.programIs(Needle.of("kerne"))).isFalse();
    assertThat(m.programIs(Needle.of("kernels"))).isFalse();
    assertThat(m.programIs(Needle.of("Kernel"))).isFalse();
    assertThat(framed("Jun 12 10:00:00 host sshd[4242]: hello").programIs(Needle.of("sshd"))).isTrue();
    assertThat(new Message().programIs(Needle.of("sshd"))).isFalse();
  }

  @Test
  void epochSecondIsTheTimesSecond() {
    Message m = framed("Jun 12 10:00:07 host kernel: hello");
    assertThat(m.epochSecond()).isEqualTo(Instant.parse("2024-06-12T10:00:07Z").getEpochSecond()).isEqualTo(m.time().getEpochSecond());
  }

  @Test
  void matchesAtComparesTheFirstByteToo() {
    Message m = framed("Jun 12 10:00:00 host sshd[1]: Xnvalid user");
    assertThat(m.matchesAt(m.start(), Needle.of("Invalid user"))).isFalse();
    assertThat(m.matchesAt(m.start(), Needle.of("Xnvalid user"))).isTrue();
    assertThat(m.startsWith(Needle.of("Ynvalid"))).isFalse();
  }
}
