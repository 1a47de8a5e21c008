package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArfReportTest {

  private final ArfReport arf = new ArfReport(Mails.CLOCK);

  private static AbuseReport report(String scenario) {
    return AbuseReport.of(Incidents.complete(Incidents.kind(scenario)), Incidents.context()).get(0);
  }

  private static InternetHeaders headers(String text) throws Exception {
    return new InternetHeaders(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void parsedBackItIsAFeedbackReportWithItsThreeParts() throws Exception {
    AbuseReport r = report("mail-reject");
    MimeMessage m = Mails.parse(arf.render(r));

    ContentType type = new ContentType(m.getContentType());
    assertThat(type.getBaseType()).isEqualTo("multipart/report");
    assertThat(type.getParameter("report-type")).isEqualTo("feedback-report");
    MimeMultipart mp = (MimeMultipart) m.getContent();
    assertThat(mp.getCount()).isEqualTo(3);
    assertThat(mp.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(Mails.text(mp.getBodyPart(0))).contains(r.wording().sentence()).contains("no message bodies");
    assertThat(mp.getBodyPart(1).getContentType()).startsWith("message/feedback-report");
    assertThat(mp.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
  }

  @Test
  void theMachineReadablePartHoldsTheRequiredFields() throws Exception {
    AbuseReport r = report("mail-reject");
    MimeMultipart mp = (MimeMultipart) Mails.parse(arf.render(r)).getContent();
    InternetHeaders f = headers(Mails.text(mp.getBodyPart(1)));

    assertThat(f.getHeader("Feedback-Type", null)).isEqualTo("abuse");
    assertThat(f.getHeader("User-Agent", null)).isEqualTo("abuseloop");
    assertThat(f.getHeader("Version", null)).isEqualTo("1");
    assertThat(f.getHeader("Source-IP", null)).isEqualTo("203.0.113.9");
    assertThat(f.getHeader("Arrival-Date", null)).isEqualTo("Sat, 14 Mar 2026 10:26:53 +0100");
    assertThat(f.getHeader("Incidents", null)).isEqualTo("12");
    assertThat(f.getHeader("Reporting-MTA", null)).isEqualTo("dns; example.net");
  }

  @Test
  void theHeadersPartHasAReceivedLinePerLogLine() throws Exception {
    MimeMultipart mp = (MimeMultipart) Mails.parse(arf.render(report("mail-reject"))).getContent();
    String[] received = headers(Mails.text(mp.getBodyPart(2))).getHeader("Received");

    assertThat(received).hasSize(2);
    assertThat(received[0]).contains("from [203.0.113.9]").contains("by [198.51.100.20]")
        .contains("Sat, 14 Mar 2026 10:31:53 +0100");
    assertThat(received[1]).contains("Sat, 14 Mar 2026 10:26:53 +0100");
  }

  @Test
  void onlyRejectedMailIsReported() {
    assertThat(arf.refusal(report("sshd-bf"))).get().asString().contains("login_attack on ssh");
    assertThat(arf.refusal(report("smtp-auth-bf"))).get().asString().contains("login_attack on smtp");
    assertThat(arf.refusal(report("port-scan"))).isPresent();
    assertThat(arf.refusal(report("mail-reject"))).isEmpty();
    assertThatThrownBy(() -> arf.render(report("sshd-bf"))).isInstanceOf(IllegalArgumentException.class);
  }
}
