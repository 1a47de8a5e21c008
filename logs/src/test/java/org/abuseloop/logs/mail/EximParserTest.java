package org.abuseloop.logs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exim mainlog and syslog lines, one family each, and lines that must give nothing. Runs single-threaded. */
class EximParserTest {

  /** An Exim mainlog line (its own dated frame) read as a file of its own. */
  private static Event mainlog(String message) {
    return MailLines.parse("2024-03-21 19:26:06 " + message);
  }

  @Test
  void authenticatorFailureGivesHostPortInterfaceAndUser() {
    Event e = mainlog("dovecot_login authenticator failed for (User) [192.0.2.7]:21298 I=[198.51.100.2]:465 Ci=30416: "
        + "535 Incorrect authentication data (set_id=info@example.org)");
    assertThat(e.family()).isEqualTo(EximParser.AUTH_FAILED);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(e.sourcePort()).isEqualTo(21298);
    assertThat(e.target()).isEqualTo(IpAddress.of("198.51.100.2"));
    assertThat(e.targetPort()).isEqualTo(465);
    assertThat(e.user()).isEqualTo("info@example.org");
  }

  @Test
  void syslogFramedExim() {
    Event e = MailLines.syslog("exim[29786]", "login authenticator failed for mx.example.net ([192.0.2.99]) [192.0.2.7]: "
        + "535 Incorrect authentication data (set_id=test)");
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
    "[7513] SMTP protocol error in \"AUTH LOGIN\" H=(ylmf-pc) [192.0.2.7]:60723 I=[198.51.100.2]:587 AUTH command used when not advertised => exim.smtp.auth-protocol-error",
    "SMTP protocol error in \"AUTH LOGIN\" H=(User) [192.0.2.7]:4816 I=[198.51.100.2]:25 Ci=8003 LOGIN authentication mechanism not supported => exim.smtp.auth-protocol-error",
    "SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[192.0.2.7]:25936 I=[198.51.100.2]:25 input=\"GET / HTTP/1.1\" => exim.smtp.synchronization-error",
    "SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised): rejected \"RSET\" H=mx.example.net [192.0.2.7]:58302 I=[198.51.100.2]:25 next input=\"QUIT\" => exim.smtp.synchronization-error",
    "SMTP call from mx.example.net [192.0.2.7]:3767 I=[198.51.100.2]:25 dropped: too many nonmail commands (last was \"RSET\") => exim.smtp.dropped",
    "no MAIL in SMTP connection from [192.0.2.7]:2056 I=[198.51.100.2]:25 D=0s => exim.smtp.no-mail",
    "1ahr79-0006jK-G9 SMTP connection from (helo.example) [192.0.2.7]:44884 I=[198.51.100.2]:25 closed by DROP in ACL => exim.acl.drop",
    "H=mx.example.net [192.0.2.7]:43030 I=[198.51.100.2]:25 F=<a@example.com> rejected RCPT <b@example.org>: relay not permitted => exim.rcpt.relay-denied",
    "H=mx.example.net [192.0.2.7] F=<a@example.com> rejected RCPT <b@example.org>: Unknown user => exim.rcpt.unknown-user",
    "H=(helo.example) [192.0.2.7] sender verify fail for <a@example.com>: Unrouteable address => exim.mail.sender-verify-failed",
    "1Unmew-0000ea-SE H=mx.example.net [192.0.2.7]:32706 I=[198.51.100.2]:25 F=a@example.com rejected after DATA: This message contains a virus => exim.data.rejected",
    "1UlasQ-0003fr-45 F=a@example.com H=(helo.example) [192.0.2.7]:43671 I=[198.51.100.2]:25 P=esmtp rejected by local_scan(): Rejected => exim.data.rejected",
    "no host name found for IP address 192.0.2.7 => exim.dns.no-host-name",
    "rejected EHLO from [192.0.2.7]: syntactically invalid argument(s): _ => exim.helo.rejected",
    "1VxHRO-000NiI-Ly SA: Action: silently tossed message: score=31.0 required=5.0 trigger=30.0 (scanned in 6/6 secs | Message-Id: x@example.com). From <a@example.com> (host=mx.example.net [192.0.2.7]) for b@example.org => exim.spamassassin.spam",
  })
  void families(String message, String family) {
    Event e = mainlog(message);
    assertThat(e).as(message).isNotNull();
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "1VxHRO-000NiI-Ly <= a@example.com H=mx.example.net [192.0.2.7] P=esmtp S=1234",
    "1VxHRO-000NiI-Ly SA: Action: scanned but message isn't spam: score=1.0 required=5.0. From <a@example.com> (host=mx.example.net [192.0.2.7]) for b@example.org",
    "SMTP connection from [192.0.2.7] lost",
    "login authenticator failed for (User) [192.0.2.7",
    "SMTP protocol error in \"AUTH LOGIN\" H=(User) [192.0.2.7] something else entirely",
  })
  void ordinaryOrBrokenLinesGiveNothing(String message) {
    assertThat(mainlog(message)).as(message).isNull();
  }
}
