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

  /** What text() gives: UTF-8 with invalid bytes replaced, control characters as '?', at most 256 characters. */
  private static String referenceText(byte[] b, int from, int to) {
    String s = new String(b, from, Math.min(to - from, 1024), StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(s);
    for (int i = 0; i < sb.length(); i++) {
      if (sb.charAt(i) < 0x20 || sb.charAt(i) == 0x7F) {
        sb.setCharAt(i, '?');
      }
    }
    return sb.length() > 256 ? sb.substring(0, 256) : sb.toString();
  }

  @Test
  void textDecodesSanitisesAndCutsLikeTheReferenceForPrintableAndOtherBytes() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    byte[] alphabet = {'a', ' ', '~', 0x7F, 0x1F, 0, '\t', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0x80};
    for (int round = 0; round < 3_000; round++) {
      byte[] b = new byte[r.nextInt(1, 700)];
      boolean printable = r.nextBoolean();
      for (int i = 0; i < b.length; i++) {
        b[i] = printable && r.nextInt(50) > 0 ? (byte) r.nextInt(0x20, 0x7F) : alphabet[r.nextInt(alphabet.length)];
      }
      Message m = new Message();
      m.reset(b, 0, b.length, 1, 0);
      int from = r.nextInt(b.length);
      int to = r.nextInt(from, b.length + 1);
      assertThat(m.text(from, to)).as("round %d", round).isEqualTo(referenceText(b, from, to));
    }
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
