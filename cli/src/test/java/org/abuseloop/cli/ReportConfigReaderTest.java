package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.abuseloop.report.outbox.MailServer;
import org.abuseloop.report.outbox.OutboxPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code report:} section read and checked: values, defaults left null, every problem with its place. */
class ReportConfigReaderTest {

  @TempDir
  Path dir;

  private ReportConfig read(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("abuseloop.yaml"), yaml);
    return ReportConfigReader.read(file);
  }

  @Test
  void aFullSectionIsRead() throws Exception {
    Files.writeString(dir.resolve("smtp.pass"), "secret\n");

    ReportConfig c = read("""
        sources: [{kind: stdin}]
        report:
          mode: automatic
          from: reports@reporter.example
          reply-to: replies@reporter.example
          organisation: Example Telephony Ltd
          store: jdbc:sqlite:/var/lib/abuseloop/abuseloop.db
          smtp:
            host: smtp.reporter.example
            port: 587
            security: starttls
            user: reports
            password-file: smtp.pass
          imap:
            host: imap.reporter.example
            security: tls
            folder: Abuse
            password-env: IMAP_PASS
            user: reports
          limits:
            per-contact-per-day: 2
            batch-period: 30m
            max-attempts: 5
        """);

    assertThat(c.mode()).isEqualTo(OutboxPolicy.Mode.AUTOMATIC);
    assertThat(c.from()).isEqualTo("reports@reporter.example");
    assertThat(c.replyTo()).isEqualTo("replies@reporter.example");
    assertThat(c.copyTo()).isNull();
    assertThat(c.smtp().port()).isEqualTo(587);
    assertThat(c.smtp().security()).isEqualTo(MailServer.Security.STARTTLS);
    assertThat(c.smtp().passwordFile()).isEqualTo(dir.resolve("smtp.pass"));
    assertThat(c.imap().folder()).isEqualTo("Abuse");
    assertThat(c.imap().passwordEnv()).isEqualTo("IMAP_PASS");
    assertThat(c.imap().port()).isNull();
    assertThat(c.batchPeriod()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.perContactPerDay()).isEqualTo(2);
    assertThat(c.maxAttempts()).isEqualTo(5);
  }

  @Test
  void noSectionIsEmpty() throws Exception {
    assertThat(read("sources: [{kind: stdin}]\n")).isEqualTo(ReportConfig.EMPTY);
  }

  @Test
  void everyProblemIsNamedWithItsPathLineAndColumn() {
    assertThatThrownBy(() -> read("""
        report:
          from: not-an-address
          smtp:
            host: smtp.reporter.example
            port: 70000
            security: ssl
            user: reports
            password: hunter2
          imap:
            host: imap.reporter.example
            security: none
          limits:
            batch-period: soon
            per-day: 3
          colour: blue
        """))
        .isInstanceOfSatisfying(ReportConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "report.colour: unknown key (known: abuseipdb, copy-to, forms-dir, from, imap, limits, mode, msrc, "
                + "organisation, reply-to, smtp, store, trust-host) (line 15, column 3)",
            "report.from: not one e-mail address: 'not-an-address' (line 2, column 3)",
            "report.smtp.port: must be 1 to 65535, got 70000 (line 5, column 5)",
            "report.smtp.security: unknown value 'ssl' (one of starttls, starttls-optional, tls, none) (line 6, column 5)",
            "report.smtp.password: a password is not kept in the configuration file in clear: put it in a file "
                + "readable only by abuseloop (password-file) or an environment variable (password-env) (line 8, column 5)",
            "report.imap.security: none is only for a server on loopback; imap.reporter.example needs starttls or tls "
                + "(line 11, column 5)",
            "report.limits.per-day: unknown key (known: batch-period, max-attempts, per-contact-per-day) (line 14, column 5)",
            "report.limits.batch-period: not a duration: 'soon' (e.g. 0, 30m, 1h, PT1H) (line 13, column 5)"));
  }

  @Test
  void optionalStarttlsWithALoginIsRefusedAwayFromLoopback() {
    assertThatThrownBy(() -> read("""
        report:
          smtp:
            host: relay.reporter.example
            security: starttls-optional
            user: reports
            password-env: SMTP_PASS
        """)).hasMessageContaining("report.smtp.security: starttls-optional with a user would send the password in clear");
  }

  @Test
  void aPasswordFileThatCannotBeReadAndAMissingUserAreProblems() {
    assertThatThrownBy(() -> read("""
        report:
          smtp:
            host: smtp.reporter.example
            password-file: nowhere.pass
        """)).isInstanceOfSatisfying(ReportConfigException.class, e -> assertThat(e.problems()).anySatisfy(
            p -> assertThat(p).startsWith("report.smtp.password-file: cannot read").endsWith("(line 4, column 5)"))
        .anySatisfy(p -> assertThat(p).startsWith("report.smtp.user: missing")));
  }

  @Test
  void theApisUrlsAndWhereTheirKeysAreAreRead() throws Exception {
    Files.writeString(dir.resolve("abuseipdb.key"), "k\n");

    ReportConfig c = read("""
        report:
          abuseipdb:
            url: http://127.0.0.1:8080/api/v2/
            key-file: abuseipdb.key
          msrc:
            url: https://msrc.example/report
            key-env: MSRC_KEY
          forms-dir: forms
        """);

    assertThat(c.abuseIpdb().url()).hasToString("http://127.0.0.1:8080/api/v2/");
    assertThat(c.abuseIpdb().keyFile()).isEqualTo(dir.resolve("abuseipdb.key"));
    assertThat(c.abuseIpdb().keyEnv()).isNull();
    assertThat(c.msrc().keyEnv()).isEqualTo("MSRC_KEY");
    assertThat(c.formsDir()).isEqualTo(dir.resolve("forms"));
    assertThat(read("report:\n  mode: approval\n").abuseIpdb()).isEqualTo(ReportConfig.Api.EMPTY);
  }

  @Test
  void anApiKeyInClearAPlainRemoteUrlAndTwoKeySourcesAreProblems() {
    assertThatThrownBy(() -> read("""
        report:
          abuseipdb:
            url: http://api.abuseipdb.example/api/v2/
            key: 0123456789abcdef
          msrc:
            url: ftp://msrc.example/
            key-file: nowhere.key
            key-env: MSRC_KEY
        """)).isInstanceOfSatisfying(ReportConfigException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).startsWith("report.abuseipdb.url: http is only for a server on loopback")
                .endsWith("(line 3, column 5)"),
            p -> assertThat(p).startsWith("report.abuseipdb.key: an API key is not kept in the configuration file in clear")
                .endsWith("(line 4, column 5)"),
            p -> assertThat(p).startsWith("report.msrc.url: expected an https:// URL"),
            p -> assertThat(p).startsWith("report.msrc.key-file: cannot read"),
            p -> assertThat(p).startsWith("report.msrc: give key-file or key-env, not both")));
  }
}
