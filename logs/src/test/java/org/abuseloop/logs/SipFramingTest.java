package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/**
 * The frame and date forms the SIP servers' logs brought in: a FreeSWITCH date without its year,
 * FreeSWITCH's call UUID before the date, and the CPU share that must not make a FreeSWITCH file look
 * like syslog; and a frame bug the SIP fuzz test found.
 */
class SipFramingTest {

  private static final Instant REFERENCE = Instant.parse("2025-01-02T00:30:00Z");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void readsAMonthAndDayWithoutYearLikeASyslogDate() {
    TimeReader t = new TimeReader(ZoneOffset.UTC, REFERENCE);
    byte[] b = ascii("08-03 07:56:53.026292 [WARN] x");
    assertThat(t.readMonthDay(b, 0, b.length)).isEqualTo(21);
    assertThat(Instant.ofEpochSecond(t.epochSecond(), t.nanos())).isEqualTo(Instant.parse("2024-08-03T07:56:53.026292Z"));
    byte[] newYear = ascii("01-01 23:00:00 x");
    assertThat(t.readMonthDay(newYear, 0, newYear.length)).isEqualTo(14);
    assertThat(Instant.ofEpochSecond(t.epochSecond())).isEqualTo(Instant.parse("2025-01-01T23:00:00Z"));
    for (String s : new String[] {"13-03 07:56:53 x", "02-30 07:56:53 x", "08-03 07:56 x", "08-03 07:56:53. x"}) {
      byte[] bad = ascii(s);
      assertThat(t.readMonthDay(bad, 0, bad.length)).as(s).isEqualTo(-1);
    }
  }

  @Test
  void datedFramesSkipFreeswitchsCallUuidAndReadYearlessDates() {
    TimeReader t = new TimeReader(ZoneOffset.UTC, REFERENCE);
    Message m = new Message();
    byte[] uuid = ascii("0d6c2a3e-51b7-4e4c-9a60-7f3f2c1b9d10 2024-05-01 10:00:00.100000 97.10% [WARNING] sofia.c:1 IP x");
    m.reset(uuid, 0, uuid.length, 1, 0);
    assertThat(new DatedEnvelope().read(m, t)).isTrue();
    assertThat(m.ascii(m.start(), m.end())).isEqualTo("97.10% [WARNING] sofia.c:1 IP x");
    assertThat(m.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00.100Z"));

    byte[] yearless = ascii("08-03 07:56:53.026292 [WARN] [SOFIA] x");
    m.reset(yearless, 0, yearless.length, 1, 0);
    assertThat(new DatedEnvelope().read(m, t)).isTrue();
    assertThat(m.ascii(m.start(), m.end())).isEqualTo("[WARN] [SOFIA] x");

    byte[] notUuid = ascii("0d6c2a3e-51b7-4e4c-9a60-7f3f2c1b9d1 2024-05-01 10:00:00 x");
    m.reset(notUuid, 0, notUuid.length, 1, 0);
    assertThat(new DatedEnvelope().read(m, t)).isFalse();
  }

  @Test
  void sniffsFreeswitchFilesWhoseLinesAlsoReadAsIsoSyslog() {
    FormatSniffer sniffer = new FormatSniffer();
    for (String line : new String[] {
        "2023-03-06 15:11:14.385000 96.03% [WARNING] sofia_reg.c:3223 Can't find user [2501@192.0.2.5] from 198.51.100.1\n",
        "2013-12-31 17:39:54.767815 [WARNING] sofia_reg.c:1533 SIP auth challenge (INVITE) on sofia profile 'internal'\n"}) {
      byte[] b = ascii(line);
      LogFormat f = sniffer.sniff(b, b.length, ZoneOffset.UTC);
      assertThat(f.envelope()).as(line).isInstanceOf(DatedEnvelope.class);
      assertThat(f.service()).as(line).isEqualTo(Service.FREESWITCH);
    }
    byte[] syslog = ascii("2021-10-29 21:05:58.894719 www.srv.tld freeswitch[123456]: 2021-10-29 14:13:24 82.43% [WARNING] x\n");
    LogFormat f = sniffer.sniff(syslog, syslog.length, ZoneOffset.UTC);
    assertThat(f.envelope()).isInstanceOf(SyslogEnvelope.class);
    assertThat(f.service()).isNull();
    byte[] exim = ascii("2024-01-04 17:03:46 1rLRwk-0001 <= a@example.org H=mail.example.org [192.0.2.1] P=esmtp S=1\n");
    assertThat(sniffer.sniff(exim, exim.length, ZoneOffset.UTC).service()).isNotEqualTo(Service.FREESWITCH);
  }

  @Test
  void refusesAnRfc5424FrameThatEndsAfterItsVersion() {
    // Found by SipParsersFuzzTest: the frame read one byte past the end of the buffer.
    TimeReader t = new TimeReader(ZoneOffset.UTC, REFERENCE);
    Message m = new Message();
    byte[] b = ascii("<0>1 ");
    m.reset(b, 0, b.length, 1, 0);
    assertThat(new SyslogEnvelope().read(m, t)).isFalse();
  }
}
