package org.abuseloop.logs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Postfix smtpd, postscreen and postgrey lines, one family each, and lines that must give nothing. Runs single-threaded. */
class PostfixParserTest {

  private static Event smtpd(String message) {
    return MailLines.syslog("postfix/smtpd[2309]", message);
  }

  @Test
  void saslFailureGivesClientPortAndUser() {
    Event e = smtpd("warning: unknown[192.0.2.7]:55729: SASL LOGIN authentication failed: (reason unavailable), sasl_username=admin");
    assertThat(e.family()).isEqualTo(PostfixParser.SASL_FAILED);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(e.sourcePort()).isEqualTo(55729);
    assertThat(e.user()).isEqualTo("admin");
    assertThat(e.protocol()).isEqualTo(Protocol.TCP);
  }

  @Test
  void saslFailureOverIpv6AndSubmissionProgram() {
    Event e = MailLines.syslog("postfix/submission/smtpd[11538]",
        "warning: mail.example.net[2001:db8::a11:beef:7ac0]: SASL PLAIN authentication failed: UGFzc3dvcmQ6");
    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8::a11:beef:7ac0"));
  }

  @Test
  void lostAuthenticationServerIsNotTheClientsDoing() {
    assertThat(smtpd("warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: Connection lost to authentication server"))
        .isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 <a@example.org>: Relay access denied; from=<b@example.com> to=<a@example.org> proto=ESMTP helo=<x>|postfix.smtpd.relay-denied",
    "NOQUEUE: reject: RCPT from a.example.com[192.0.2.7]: 550 5.1.1 <a@example.org>: Recipient address rejected: User unknown in local recipient table; from=<> to=<a@example.org> proto=ESMTP helo=<x>|postfix.smtpd.unknown-recipient",
    "NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.example.net; from=<> to=<a@example.org> proto=ESMTP helo=<x>|postfix.smtpd.rbl",
    "NOQUEUE: reject: EHLO from unknown[192.0.2.7]: 504 5.5.2 <x>: Helo command rejected: need fully-qualified hostname; proto=SMTP helo=<x>|postfix.smtpd.helo-rejected",
    "3F1A2B4C5D: reject: VRFY from unknown[192.0.2.7]: 450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.7]; proto=SMTP|postfix.smtpd.reject",
    "improper command pipelining after EHLO from unknown[192.0.2.7]: QUIT|postfix.smtpd.pipelining",
    "too many errors after AUTH from unknown[192.0.2.7]|postfix.smtpd.too-many-errors",
    "lost connection after AUTH from unknown[192.0.2.7]|postfix.smtpd.lost-connection",
    "NOQUEUE: lost connection after CONNECT from unknown[192.0.2.7]|postfix.smtpd.lost-connection",
    "disconnect from unknown[192.0.2.7] ehlo=1 auth=0/1 quit=1 commands=2/3|postfix.smtpd.auth-disconnect",
    "warning: non-SMTP command from unknown[192.0.2.7]: GET / HTTP/1.1|postfix.smtpd.non-smtp-command",
    "warning: Connection rate limit exceeded: 31 from spam.example.com[192.0.2.7] for service smtpd|postfix.smtpd.rate-limit",
    "warning: hostname bad.example.com does not resolve to address 192.0.2.7: Name or service not known|postfix.smtpd.hostname-mismatch",
  })
  void smtpdFamilies(String message, String family) {
    Event e = smtpd(message);
    assertThat(e).as(message).isNotNull();
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "PREGREET 14 after 0.08 from [192.0.2.7]:59415: EHLO ylmf-pc\\r\\n|postfix.postscreen.pregreet",
    "HANGUP after 16 from [192.0.2.7]:48119 in tests after SMTP handshake|postfix.postscreen.hangup",
    "COMMAND TIME LIMIT from [192.0.2.7]:3608 after CONNECT|postfix.postscreen.command-limit",
    "DNSBL rank 3 for [192.0.2.7]:64273|postfix.postscreen.dnsbl",
    "NOQUEUE: reject: RCPT from [192.0.2.7]:60591: 550 5.7.1 Service unavailable; client [192.0.2.7] blocked using rbl.example.net; from=<a@example.com>, to=<b@example.org>, proto=ESMTP, helo=<x>|postfix.smtpd.rbl",
  })
  void postscreenFamilies(String message, String family) {
    Event e = MailLines.syslog("postfix/postscreen[1148]", message);
    assertThat(e).as(message).isNotNull();
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(e.sourcePort()).isPositive();
  }

  @Test
  void postgreyEarlyRetry() {
    Event e = MailLines.syslog("postgrey[919]", "action=greylist, reason=early-retry (295s missing), client_name=mx.example.com, "
        + "client_address=192.0.2.7, sender=a@example.com, recipient=b@example.org");
    assertThat(e.family()).isEqualTo(PostfixParser.EARLY_RETRY);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(MailLines.syslog("postgrey[919]", "action=greylist, reason=new, client_name=mx.example.com, "
        + "client_address=192.0.2.7, sender=a@example.com, recipient=b@example.org")).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "lost connection after DATA from good.example.com[192.0.2.7]",
    "disconnect from unknown[192.0.2.7] ehlo=1 auth=1/1 quit=1 commands=3",
    "connect from unknown[192.0.2.7]",
    "warning: unknown[192.0.2.7]: SASL LOGIN authentication",
    "NOQUEUE: reject: RCPT from unknown[192.0.2.7",
    "NOQUEUE: reject: RCPT from unknown[192.0.2.999]: 554 5.7.1 Relay access denied",
    "warning: hostname bad.example.com does not resolve to address 192.0.2.7x",
  })
  void ordinaryOrBrokenLinesGiveNothing(String message) {
    assertThat(smtpd(message)).as(message).isNull();
  }

  @Test
  void declaresEveryFamilyItEmits() {
    assertThat(new PostfixParser().families()).extracting(Family::id).doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith("postfix."));
  }
}
