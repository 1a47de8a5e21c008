package org.abuseloop.logs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Courier SMTP errors and IMAP/POP3 login failures, and lines that must give nothing. Runs single-threaded. */
class CourierParserTest {

  @Test
  void smtpAuthFailureWithPort() {
    Event e = MailLines.syslog("courieresmtpd[425070]",
        "error,relay=::ffff:192.0.2.7,port=43632,msg=\"535 Authentication failed.\",cmd: AUTH LOGIN a@example.org");
    assertThat(e.family()).isEqualTo(CourierParser.SMTP_AUTH_FAILED);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(e.sourcePort()).isEqualTo(43632);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "courieresmtpd|error,relay=::ffff:192.0.2.7,from=<a@example.com>,to=<b@example.org>: 550 User unknown.|courier.smtp.unknown-user",
    "courieresmtpd|error,relay=::ffff:192.0.2.7,from=<a@example.com>,to=<b@example.org>: 550 User <b> unknown|courier.smtp.unknown-user",
    "courieresmtpd|error,relay=::ffff:192.0.2.7,from=<a@example.com>,to=<b@example.org>: 513 Relaying denied.|courier.smtp.rejected",
    "imapd|LOGIN FAILED, user=alice@example.org, ip=[::ffff:192.0.2.7]|courier.login.failed",
    "pop3d|LOGIN FAILED, user=alice, ip=[192.0.2.7], port=[4242]|courier.login.failed",
    "imapd-ssl[20815]|LOGIN FAILED, method=PLAIN, ip=[::ffff:192.0.2.7]|courier.login.failed",
  })
  void families(String program, String message, String family) {
    Event e = MailLines.syslog(program, message);
    assertThat(e).as(message).isNotNull();
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
  }

  @Test
  void loginUserIsKept() {
    assertThat(MailLines.syslog("imapd", "LOGIN FAILED, user=alice, ip=[::ffff:192.0.2.7]").user()).isEqualTo("alice");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "LOGIN, user=alice, ip=[::ffff:192.0.2.7], port=[4242], protocol=IMAP",
    "LOGIN FAILED, user=alice, ip=[::ffff:192.0.2.7] trailing",
    "error,relay=::ffff:192.0.2.999,msg=\"535 Authentication failed.\",cmd: AUTH LOGIN",
  })
  void ordinaryOrBrokenLinesGiveNothing(String message) {
    assertThat(MailLines.syslog("imapd", message)).as(message).isNull();
  }
}
