package org.abuseloop.logs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sendmail AUTH, ruleset, probe and session lines, one family each, and lines that must give nothing. Runs single-threaded. */
class SendmailParserTest {

  @Test
  void authFailureGivesRelayAndUser() {
    Event e = MailLines.syslog("sendmail[16664]", "06I02CNi016764: AUTH failure (LOGIN): authentication failure (-13) "
        + "SASL(-13): authentication failure: checkpass failed, user=alice, relay=mx.example.net [192.0.2.7] (may be forged)");
    assertThat(e.family()).isEqualTo(SendmailParser.AUTH_FAILED);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(e.user()).isEqualTo("alice");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "s1GNXHYB005133: [192.0.2.7]: possible SMTP attack: command=AUTH, count=5|sendmail.smtp.attack",
    "s1P819mk027713: ruleset=check_rcpt, arg1=<a@example.org>, relay=mx.example.net [192.0.2.7], reject=550 5.7.1 <a@example.org>... Relaying denied. Proper authentication required.|sendmail.rcpt.relay-denied",
    "s1REn1un088377: ruleset=check_rcpt, arg1=<a@example.org>, relay=[192.0.2.7], reject=550 5.1.1 <a@example.org>... User unknown|sendmail.rcpt.unknown-user",
    "s1N706jo003992: ruleset=check_rcpt, arg1=<a@example.org>, relay=[192.0.2.7], reject=550 5.7.1 <a@example.org>... Rejected: 192.0.2.7 listed at zen.example.net|sendmail.rcpt.rejected",
    "ruleset=check_relay, arg1=mx.example.net, arg2=192.0.2.7, relay=mx.example.net [192.0.2.7], reject=421 4.3.2 Connection rate limit exceeded.|sendmail.relay.rate-limit",
    "v26LtRA0020949: mx.example.net [192.0.2.7] did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA|sendmail.smtp.no-mail",
    "s1NKIkZa093301: [192.0.2.7]: EXPN root [rejected]|sendmail.smtp.probe",
    "s1R9r60D044307: rejecting commands from  [192.0.2.7] due to pre-greeting traffic after 0 seconds|sendmail.smtp.pregreet",
    "56VFYCxS024291: lost input channel from mx.example.net [192.0.2.7] to MTA-v4 after rcpt|sendmail.smtp.lost-input",
    "rA37ZTSC026254: from=<a@example.com>, size=0, class=0, nrcpts=0, bodytype=8BITMIME, proto=ESMTP, daemon=MTA, relay=mx.example.net [192.0.2.7]|sendmail.mail.no-recipients",
  })
  void families(String message, String family) {
    Event e = MailLines.syslog("sm-mta[4242]", message);
    assertThat(e).as(message).isNotNull();
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
  }

  @Test
  void ipv6RelayInSendmailsOwnForm() {
    Event e = MailLines.syslog("sm-mta[4242]", "06QDQnNf050438: mx.example.net [IPv6:2001:DB8::7] did not issue "
        + "MAIL/EXPN/VRFY/ETRN during connection to IPv6");
    assertThat(e.source()).isEqualTo(IpAddress.of("2001:db8::7"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "rA37ZTSC026250: <a@example.org>... No such user here",
    "rA37ZTSC026254: from=<a@example.com>, size=120, class=0, nrcpts=1, proto=ESMTP, daemon=MTA, relay=mx.example.net [192.0.2.7]",
    "s1GNXHYB005133: [192.0.2.7]: possible SMTP",
    "s1NKIkZa093301: [192.0.2.7]: EXPN root",
  })
  void ordinaryOrBrokenLinesGiveNothing(String message) {
    assertThat(MailLines.syslog("sm-mta[4242]", message)).as(message).isNull();
  }
}
