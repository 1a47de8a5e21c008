package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  private final TimeReader time = new TimeReader(ZoneOffset.UTC, Instant.parse("2024-06-30T12:00:00Z"));

  private Message read(Envelope e, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    Message m = new Message();
    m.reset(b, 0, b.length, 1, 0);
    return e.read(m, time) ? m : null;
  }

  private static String messageText(Message m) {
    return m.ascii(m.start(), m.end());
  }

  @Test
  void readsBsdSyslogHostProgramAndMessage() {
    Message m = read(new SyslogEnvelope(), "Jun 12 15:13:54 mail postfix/smtpd[123]: warning: unknown[192.0.2.1]: SASL");
    assertThat(m).isNotNull();
    assertThat(m.program()).isEqualTo("postfix/smtpd");
    assertThat(messageText(m)).isEqualTo("warning: unknown[192.0.2.1]: SASL");
    assertThat(m.time()).isEqualTo(Instant.parse("2024-06-12T15:13:54Z"));
  }

  @Test
  void readsAFractionAYearAndAMissingHost() {
    Message frac = read(new SyslogEnvelope(), "Jun 12 15:13:54.123456 srv sshd[1]: hello");
    assertThat(frac.program()).isEqualTo("sshd");
    assertThat(messageText(frac)).isEqualTo("hello");
    Message noHost = read(new SyslogEnvelope(), "Jun 12 15:13:54 sshd[1]: hello");
    assertThat(noHost.program()).isEqualTo("sshd");
    assertThat(messageText(noHost)).isEqualTo("hello");
    Message year = read(new SyslogEnvelope(), "Jun 12 15:13:54 2023 srv kernel: hello");
    assertThat(year.program()).isEqualTo("kernel");
  }

  @Test
  void readsIsoAndRfc5424Frames() {
    Message iso = read(new SyslogEnvelope(), "2024-05-01T10:00:00.123+02:00 srv sshd-session[9]: Invalid user x");
    assertThat(iso.program()).isEqualTo("sshd-session");
    assertThat(iso.time()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123Z"));
    assertThat(iso.offset()).isEqualTo(ZoneOffset.ofHours(2));

    Message rfc = read(new SyslogEnvelope(), "<38>1 2019-07-08T17:40:16.954167-04:00 host.example.com sshd 57915 - - Failed unknown");
    assertThat(rfc.program()).isEqualTo("sshd");
    assertThat(messageText(rfc)).isEqualTo("Failed unknown");

    Message sd = read(new SyslogEnvelope(), "<38>1 2019-07-08T17:40:16Z h app 1 ID [ex@1 a=\"x]y\"][b@2 c=\"d\"] the message");
    assertThat(messageText(sd)).isEqualTo("the message");
  }

  @Test
  void readsAsteriskBracketsInBothDateForms() {
    Message full = read(new AsteriskEnvelope(), "[2012-02-13 17:21:54] NOTICE[1638] chan_sip.c: x");
    assertThat(messageText(full)).isEqualTo("NOTICE[1638] chan_sip.c: x");
    assertThat(full.time()).isEqualTo(Instant.parse("2012-02-13T17:21:54Z"));
    Message shortForm = read(new AsteriskEnvelope(), "[Jan 18 17:39:50] NOTICE[12049]: res_pjsip");
    assertThat(messageText(shortForm)).isEqualTo("NOTICE[12049]: res_pjsip");
  }

  @Test
  void readsDatedFrames() {
    Message m = read(new DatedEnvelope(), "2013-12-31 17:39:54.767815 [WARNING] sofia_reg.c:1533 SIP auth");
    assertThat(messageText(m)).isEqualTo("[WARNING] sofia_reg.c:1533 SIP auth");
  }

  @Test
  void refusesFramesItDoesNotKnow() {
    assertThat(read(new SyslogEnvelope(), "hello world")).isNull();
    assertThat(read(new SyslogEnvelope(), "Jun 12 15:13:54")).isNull();
    assertThat(read(new SyslogEnvelope(), "<999999>1 x")).isNull();
    assertThat(read(new AsteriskEnvelope(), "[not a date] x")).isNull();
    assertThat(read(new DatedEnvelope(), "2013-12-31X17:39:54 x")).isNull();
  }
}
