package org.abuseloop.logs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dovecot login, auth-worker, pam_unix and 2.4-prefix lines, one family each, and lines that must give nothing. Runs single-threaded. */
class DovecotParserTest {

  @Test
  void loginFailureGivesSourceTargetAndUser() {
    Event e = MailLines.syslog("dovecot", "imap-login: Disconnected (auth failed, 2 attempts in 9 secs): user=<bob>, "
        + "method=PLAIN, rip=192.0.2.7, lip=198.51.100.2, TLS, session=<abc>");
    assertThat(e.family()).isEqualTo(DovecotParser.LOGIN_AUTH_FAILED);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(e.target()).isEqualTo(IpAddress.of("198.51.100.2"));
    assertThat(e.user()).isEqualTo("bob");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "dovecot|pop3-login: Aborted login (tried to use disallowed plaintext auth): rip=192.0.2.7, lip=198.51.100.2|dovecot.login.plaintext-refused",
    "dovecot|imap-login: Disconnected (proxy dest auth failed): user=<a>, method=PLAIN, rip=192.0.2.7, lip=198.51.100.2|dovecot.login.proxy-auth-failed",
    "dovecot|imap-login: Disconnected (no auth attempts in 4 secs): user=<>, rip=192.0.2.7, lip=198.51.100.2, TLS handshaking|dovecot.login.no-auth",
    "imap-login|Info: Login aborted: Connection closed (auth failed, 3 attempts in 16 secs) (auth_failed): user=<a>, method=PLAIN, rip=192.0.2.7, lip=198.51.100.2|dovecot.login.auth-failed",
    "dovecot|auth-worker(304): pam(alice,192.0.2.7): pam_authenticate() failed: Authentication failure (password mismatch?)|dovecot.auth.password-mismatch",
    "dovecot|auth: passwd-file(alice,192.0.2.7): unknown user|dovecot.auth.unknown-user",
    "auth-worker(22401)|Info: sql(admin@example.org,192.0.2.7,<n4JLdHNVngZGpV2j>): unknown user|dovecot.auth.unknown-user",
    "auth|Info: ldap(dog,192.0.2.7,): invalid credentials|dovecot.auth.password-mismatch",
    "auth|pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=alice rhost=192.0.2.7  user=alice|dovecot.pam.auth-failure",
    "auth(alice@example.org,192.0.2.7,sasl:login)<CvN+E95Uf4e7eEnj>|Info: sql: Password mismatch|dovecot.auth.password-mismatch",
  })
  void families(String program, String message, String family) {
    Event e = MailLines.syslog(program, message);
    assertThat(e).as(message).isNotNull();
    assertThat(e.family().id()).isEqualTo(family);
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
  }

  @Test
  void multilogLine() {
    Event e = MailLines.parse("@400000004c91b044077a9e94 imap-login: Info: Aborted login (auth failed, 1 attempts): "
        + "user=<a>, method=CRAM-MD5, rip=192.0.2.7, lip=198.51.100.2, TLS");
    assertThat(e.source()).isEqualTo(IpAddress.of("192.0.2.7"));
    assertThat(e.time()).isEqualTo(java.time.Instant.parse("2010-09-16T05:51:00.125476500Z"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "imap-login: Login: user=<bob>, method=PLAIN, rip=192.0.2.7, lip=198.51.100.2, mpid=1, TLS",
    "imap-login: Disconnected: a: a: a: test no match",
    "imap-login: Disconnected (auth failed, 1 attempts): user=<bob>, method=PLAIN",
    "auth: pam(alice,192.0.2.7): some other message",
  })
  void ordinaryOrBrokenLinesGiveNothing(String message) {
    assertThat(MailLines.syslog("dovecot", message)).as(message).isNull();
  }
}
