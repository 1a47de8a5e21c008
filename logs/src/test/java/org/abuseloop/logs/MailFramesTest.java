package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The frame changes the mail parsers needed: space-dated syslog, facility tokens, TAI64N, unpadded days. */
class MailFramesTest {

  private static final Instant REFERENCE = Instant.parse("2030-06-30T00:00:00Z");

  private static Message read(Envelope envelope, String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    Message m = new Message();
    m.reset(b, 0, b.length, 1, 0);
    return envelope.read(m, new TimeReader(ZoneOffset.UTC, REFERENCE)) ? m : null;
  }

  @Test
  void spaceDatedLineIsSyslogOnlyWithAProgramToken() {
    SyslogEnvelope syslog = new SyslogEnvelope();
    assertThat(read(syslog, "2013-01-04 17:03:46 login authenticator failed for (x) [192.0.2.7]: 535")).isNull();
    Message m = read(syslog, "2019-10-22 03:39:17 mx1.example.org exim[29786]: login authenticator failed");
    assertThat(m.program()).isEqualTo("exim");
    assertThat(m.toString()).isEqualTo("login authenticator failed");
    assertThat(read(syslog, "2013-08-11 03:56:40 auth-worker(default): Info: pam(u,192.0.2.7): unknown user").program())
        .isEqualTo("auth-worker(default)");
  }

  @Test
  void isoTDatedLineKeepsItsLenientReading() {
    Message m = read(new SyslogEnvelope(), "2024-05-01T10:00:00Z host prog text");
    assertThat(m).isNotNull();
    assertThat(m.program()).isEqualTo("prog");
  }

  @Test
  void facilityTokenIsSkipped() {
    Message m = read(new SyslogEnvelope(), "Jun 17 14:37:39 <mail.notice> robin sm-mta[2794]: 55HIbcGI002794: lost input");
    assertThat(m.program()).isEqualTo("sm-mta");
    assertThat(m.toString()).isEqualTo("55HIbcGI002794: lost input");
  }

  @Test
  void unpaddedDayIsRead() {
    Message m = read(new SyslogEnvelope(), "Mar 7 02:09:33 server postfix/smtpd[27246]: text");
    assertThat(m.time()).isEqualTo(Instant.parse("2030-03-07T02:09:33Z"));
    assertThat(m.program()).isEqualTo("postfix/smtpd");
  }

  @Test
  void tai64nLabelAndProgram() {
    Message m = read(new Tai64nEnvelope(), "@400000004c91b044077a9e94 dovecot-auth: pam_unix(dovecot:auth): failure");
    assertThat(m.time()).isEqualTo(Instant.ofEpochSecond(0x4c91b044L, 0x077a9e94));
    assertThat(m.program()).isEqualTo("dovecot-auth");
    assertThat(m.toString()).isEqualTo("pam_unix(dovecot:auth): failure");
    assertThat(read(new Tai64nEnvelope(), "@40000000zz91b044077a9e94 x: y")).isNull();
    assertThat(read(new Tai64nEnvelope(), "@400000004c91b044077a9e94")).isNull();
  }

  @Test
  void sniffedMailFormats() {
    FormatSniffer sniffer = new FormatSniffer();
    byte[] exim = "2013-01-04 17:03:46 login authenticator failed for (x) [192.0.2.7]: 535\n".getBytes(StandardCharsets.UTF_8);
    assertThat(sniffer.sniff(exim, exim.length, ZoneOffset.UTC).service()).isEqualTo(org.abuseloop.core.Service.EXIM);
    byte[] multilog = "@400000004c91b044077a9e94 imap-login: Info: x\n".getBytes(StandardCharsets.UTF_8);
    LogFormat f = sniffer.sniff(multilog, multilog.length, ZoneOffset.UTC);
    assertThat(f.envelope()).isInstanceOf(Tai64nEnvelope.class);
    assertThat(f.service()).isNull();
  }
}
