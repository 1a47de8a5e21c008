package org.abuseloop.logs.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lines whose client-controlled fields (SASL user names, HELO names, senders, recipients, Dovecot user
 * names, commands) hold another address: the event must name the address the service wrote
 * (192.0.2.7), never the planted one (203.0.113.9). Then damaged lines: NUL bytes, invalid UTF-8, CR
 * ends, 1 MiB lines and truncations must not throw.
 */
class HostileMailLinesTest {

  private static final IpAddress TRUE_SOURCE = IpAddress.of("192.0.2.7");
  private static final IpAddress PLANTED = IpAddress.of("203.0.113.9");

  static Stream<Arguments> injected() {
    return Stream.of(
        Arguments.of("postfix/smtpd[1]", "warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: "
            + "authentication failure, sasl_username=x unknown[203.0.113.9]: SASL LOGIN authentication failed"),
        Arguments.of("postfix/smtpd[1]", "NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 <a@[203.0.113.9]>: "
            + "Relay access denied; from=<RCPT from unknown[203.0.113.9]: @x> to=<a@[203.0.113.9]> proto=ESMTP "
            + "helo=<unknown[203.0.113.9]>"),
        Arguments.of("postfix/smtpd[1]", "NOQUEUE: reject: EHLO from unknown[192.0.2.7]: 504 5.5.2 <[203.0.113.9]>: "
            + "Helo command rejected: need fully-qualified hostname; proto=SMTP helo=<[203.0.113.9]>"),
        Arguments.of("postfix/smtpd[1]", "improper command pipelining after EHLO from unknown[192.0.2.7]: "
            + "from unknown[203.0.113.9]"),
        Arguments.of("exim[1]", "login authenticator failed for ([203.0.113.9]) [192.0.2.7]:1234: 535 Incorrect "
            + "authentication data (set_id=x) [203.0.113.9]:25 I=[203.0.113.9]:25)"),
        Arguments.of("exim[1]", "SMTP protocol error in \"AUTH LOGIN\" H=(x) [203.0.113.9]:1 I=[10.0.0.1]:25\" "
            + "H=([203.0.113.9]) [192.0.2.7]:25 AUTH command used when not advertised"),
        Arguments.of("exim[1]", "SMTP protocol error in \"AUTH X\" H=(x) [203.0.113.9]\" H=(y) [192.0.2.7] "
            + "X\"H=(x)[203.0.113.9] authentication mechanism not supported"),
        Arguments.of("exim[1]", "H=([203.0.113.9]) [192.0.2.7] F=<a@x> rejected RCPT <\"H=(a) [203.0.113.9]\"@x>: "
            + "relay not permitted"),
        Arguments.of("exim[1]", "1UlasQ-0003fr-45 F=\"a H=(b) [203.0.113.9]\"@x H=(c) [192.0.2.7]:1 I=[10.0.0.1]:25 "
            + "P=esmtp rejected by local_scan(): Rejected"),
        Arguments.of("dovecot", "imap-login: Disconnected (auth failed, 1 attempts): user=<rip=203.0.113.9>, "
            + "method=PLAIN, rip=192.0.2.7, lip=10.0.0.1"),
        Arguments.of("dovecot", "imap-login: Disconnected (auth failed, 1 attempts): user=<x>, method=PLAIN, "
            + "rip=203.0.113.9, lip=10.0.0.1, TLS>, method=PLAIN, rip=192.0.2.7, lip=10.0.0.1, TLS"),
        Arguments.of("dovecot", "auth: pam(rip=203.0.113.9,192.0.2.7): unknown user"),
        Arguments.of("auth", "pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot "
            + "ruser=x rhost=203.0.113.9 rhost=192.0.2.7  user=x rhost=203.0.113.9"),
        Arguments.of("auth", "pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot "
            + "ruser=rhost=203.0.113.9 rhost=192.0.2.7"),
        Arguments.of("sm-mta[1]", "06I02CNi016765: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): "
            + "authentication failure: checkpass failed, user=criminal, relay=[203.0.113.9], relay=[192.0.2.7]"),
        Arguments.of("sm-mta[1]", "s1P819mk027713: ruleset=check_rcpt, arg1=<\"x, relay=[203.0.113.9], reject=5\"@x>, "
            + "relay=[192.0.2.7], reject=550 5.7.1 <\"x, relay=[203.0.113.9], reject=5\"@x>... Relaying denied"),
        Arguments.of("sm-mta[1]", "rA37ZTSC026254: from=<\"a, relay=[203.0.113.9]\"@x>, size=0, class=0, nrcpts=0, "
            + "proto=ESMTP, daemon=MTA, relay=[192.0.2.7]"),
        Arguments.of("imapd", "LOGIN FAILED, user=x, ip=[203.0.113.9], ip=[::ffff:192.0.2.7]"),
        Arguments.of("courieresmtpd", "error,relay=::ffff:192.0.2.7,msg=\"535 Authentication failed.\",cmd: AUTH "
            + "LOGIN error,relay=::ffff:203.0.113.9,"));
  }

  @ParameterizedTest
  @MethodSource("injected")
  void plantedAddressNeverWins(String program, String message) {
    Event e = MailLines.syslog(program, message);
    assertThat(e).as(message).isNotNull();
    assertThat(e.source()).isEqualTo(TRUE_SOURCE);
  }

  /** Lines where client text surrounds the host so that no reading is safe: nothing, rather than a guess. */
  static Stream<Arguments> ambiguous() {
    return Stream.of(
        Arguments.of("exim[1]", "1VxPit-000MMd-U4 SA: Action: flagged as Spam but accepted: score=8.2 required=5.0. "
            + "From <a (host=x [203.0.113.9]) for b> (host=NULL [192.0.2.7]) for c (host=y [203.0.113.9]) for d"),
        Arguments.of("exim[1]", "SMTP protocol synchronization error (next input sent too soon: pipelining was not "
            + "advertised): rejected \"R\" H=[203.0.113.9]:1 next input=\" H=[192.0.2.7]:2 next input=\"QUIT\""),
        Arguments.of("auth", "pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot "
            + "ruser=a rhost=192.0.2.7  user=b rhost=203.0.113.9"));
  }

  @ParameterizedTest
  @MethodSource("ambiguous")
  void ambiguousLinesNameNobodyPlanted(String program, String message) {
    Event e = MailLines.syslog(program, message);
    assertThat(e == null ? null : e.source()).as(message).isNotEqualTo(PLANTED);
  }

  private static final List<String> SAMPLES = List.of(
      "Jun 12 08:58:35 mx postfix/smtpd[1]: warning: unknown[192.0.2.7]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
      "Jun 12 08:58:35 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.7]: 554 5.7.1 <a@x>: Relay access denied; from=<b@y> to=<a@x> proto=ESMTP helo=<z>",
      "2024-03-21 19:26:06 dovecot_login authenticator failed for (User) [192.0.2.7]:21298 I=[10.0.0.1]:465: 535 Incorrect authentication data (set_id=a)",
      "2016-03-19 18:40:44 [26221] SMTP protocol error in \"AUTH LOGIN\" H=([127.0.0.1]) [192.0.2.7]:14243 I=[10.0.0.1]:587 AUTH command used when not advertised",
      "Jun 12 08:58:35 mx dovecot: imap-login: Disconnected (auth failed, 1 attempts): user=<a>, method=PLAIN, rip=192.0.2.7, lip=10.0.0.1, TLS",
      "Jun 12 08:58:35 mx dovecot: auth-worker(304): pam(a,192.0.2.7): pam_authenticate() failed: Authentication failure (password mismatch?)",
      "Jun 12 08:58:35 mx auth: pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=a rhost=192.0.2.7  user=a",
      "Jun 12 08:58:35 mx sm-mta[1]: s1P819mk027713: ruleset=check_rcpt, arg1=<a@x>, relay=[192.0.2.7], reject=550 5.7.1 <a@x>... Relaying denied",
      "Jun 12 08:58:35 mx sm-mta[1]: s1GNXHYB005133: [192.0.2.7]: possible SMTP attack: command=AUTH, count=5",
      "Jun 12 08:58:35 mx courieresmtpd: error,relay=::ffff:192.0.2.7,msg=\"535 Authentication failed.\",cmd: AUTH LOGIN",
      "Jun 12 08:58:35 mx imapd: LOGIN FAILED, user=a, ip=[::ffff:192.0.2.7]");

  @Test
  void samplesAreRecognised() {
    for (String s : SAMPLES) {
      assertThat(MailLines.parse(s)).as(s).isNotNull().extracting(Event::source).isEqualTo(TRUE_SOURCE);
    }
  }

  @Test
  void truncatedLinesNeverThrowAndNeverNameAPartialAddress() {
    for (String s : SAMPLES) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      int addressEnd = s.indexOf("192.0.2.7") + "192.0.2.7".length();
      for (int cut = 0; cut < b.length; cut++) {
        byte[] prefix = java.util.Arrays.copyOf(b, cut);
        Event e = MailLines.parse(prefix);
        if (cut < addressEnd) {
          assertThat(e).as("%s cut at %d", s, cut).isNull();
        } else if (e != null) {
          assertThat(e.source()).isEqualTo(TRUE_SOURCE);
        }
      }
    }
  }

  @Test
  void nulBytesInvalidUtf8AndCarriageReturnsDoNotThrow() {
    for (String s : SAMPLES) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < b.length; i += 3) {
        for (byte junk : new byte[] {0, (byte) 0xC3, (byte) 0xFF, '\r', '[', ']', '"', '>'}) {
          byte[] damaged = b.clone();
          damaged[i] = junk;
          assertThatCode(() -> MailLines.parse(damaged)).doesNotThrowAnyException();
          Event e = MailLines.parse(damaged);
          assertThat(e == null ? null : e.source()).isNotEqualTo(PLANTED);
        }
      }
      assertThatCode(() -> MailLines.parse(s + "\r")).doesNotThrowAnyException();
    }
  }

  @Test
  void megabyteLinesDoNotThrowOrNameThePlantedAddress() {
    byte[] junk = " rip=203.0.113.9, relay=[203.0.113.9] H=(x) [203.0.113.9]:1 unknown[203.0.113.9]: (auth failed, "
        .getBytes(StandardCharsets.UTF_8);
    for (String s : SAMPLES) {
      byte[] line = padded(s, junk);
      assertThatCode(() -> MailLines.parse(line)).doesNotThrowAnyException();
    }
    for (String program : List.of("postfix/smtpd[1]", "exim[1]", "dovecot", "auth", "sm-mta[1]", "courieresmtpd", "imapd")) {
      Event e = MailLines.parse(padded("Jun 12 08:58:35 mx " + program + ": ", junk));
      assertThat(e == null ? null : e.source()).as(program).isNotEqualTo(PLANTED);
    }
    byte[] brackets = new byte[1 << 20];
    java.util.Arrays.fill(brackets, (byte) '[');
    assertThat(MailLines.parse(brackets)).isNull();
  }

  private static byte[] padded(String head, byte[] junk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    while (out.size() < 1 << 20) {
      out.writeBytes(junk);
    }
    return out.toByteArray();
  }
}
