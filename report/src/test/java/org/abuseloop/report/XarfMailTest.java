package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XarfMailTest {

  private final XarfMail mail = new XarfMail(Mails.CLOCK);

  private static AbuseReport report(String scenario) {
    return AbuseReport.of(Incidents.complete(Incidents.kind(scenario)), Incidents.context()).get(0);
  }

  private static Map<String, String> yaml(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return fields;
  }

  @Test
  void parsedBackItIsMultipartMixedWithTextReportAndLogParts() throws Exception {
    AbuseReport r = report("sshd-bf");
    MimeMessage m = Mails.parse(mail.render(r));

    assertThat(m.getContentType()).startsWith("multipart/mixed");
    assertThat(m.getHeader("X-XARF", null)).isEqualTo("PLAIN");
    assertThat(m.getMessageID()).isEqualTo("<" + r.id() + "@example.net>");
    assertThat(m.getSentDate().toInstant()).isEqualTo(Mails.CLOCK.instant());
    assertThat(m.getFrom()[0].toString()).isEqualTo("Example Telephony Ltd <abuse@example.net>");
    assertThat(m.getSubject()).contains("abuse report about 203.0.113.9").contains("service: ssh").contains(r.id().toString());
    MimeMultipart mp = (MimeMultipart) m.getContent();
    assertThat(mp.getCount()).isEqualTo(3);
    assertThat(Mails.text(mp.getBodyPart(0))).isEqualTo(new TextReport().render(r));
    assertThat(mp.getBodyPart(1).getFileName()).isEqualTo("report.txt");
    assertThat(mp.getBodyPart(1).getContentType()).startsWith("text/plain");
    assertThat(mp.getBodyPart(2).getFileName()).isEqualTo("logfile.log");
    assertThat(Mails.text(mp.getBodyPart(2))).contains("2026-03-14T10:26:53+01:00 sshd.test /var/log/[host]/sshd.log:41");
  }

  @Test
  void theReportPartHoldsTheX_ARF_0_2Fields() throws Exception {
    AbuseReport r = report("sshd-bf");
    MimeMultipart mp = (MimeMultipart) Mails.parse(mail.render(r)).getContent();
    String text = Mails.text(mp.getBodyPart(1));
    Map<String, String> f = yaml(text);

    assertThat(text).startsWith("---");
    assertThat(f).containsEntry("Reported-From", "abuse@example.net")
        .containsEntry("Category", "abuse")
        .containsEntry("Report-Type", "login-attack")
        .containsEntry("Service", "ssh")
        .containsEntry("Version", "0.2")
        .containsEntry("User-Agent", "abuseloop")
        .containsEntry("Date", "Sat, 14 Mar 2026 10:26:53 +0100")
        .containsEntry("Source-Type", "ip-address")
        .containsEntry("Source", "203.0.113.9")
        .containsEntry("Port", "22")
        .containsEntry("Destination", "198.51.100.20")
        .containsEntry("Occurrences", "12")
        .containsEntry("Report-ID", r.id() + "@example.net")
        .containsEntry("Schema-URL", XarfMail.LOGIN_SCHEMA)
        .containsEntry("Attachment", "text/plain");
  }

  @Test
  void scansAreFiledAsInfo() throws Exception {
    MimeMultipart mp = (MimeMultipart) Mails.parse(mail.render(report("port-sweep"))).getContent();
    Map<String, String> f = yaml(Mails.text(mp.getBodyPart(1)));

    assertThat(f).containsEntry("Report-Type", "info").containsEntry("Service", "firewall")
        .containsEntry("Port", "1080").containsEntry("Schema-URL", XarfMail.INFO_SCHEMA);
  }

  @Test
  void theSameReportGivesTheSameBytes() {
    assertThat(mail.render(report("asterisk-bf"))).isEqualTo(new XarfMail(Mails.CLOCK).render(report("asterisk-bf")));
  }

  @Test
  void aToAddressIsSetWhenGiven() throws Exception {
    MimeMessage m = mail.message(report("sshd-bf"), "abuse@provider.example");

    assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("abuse@provider.example");
  }

  @Test
  void hostileUserNamesCannotAddHeadersOrParts() throws Exception {
    AbuseReport r = AbuseReport.of(Incidents.address(Incidents.kind("sshd-bf"),
        List.of("x\r\nSource: 192.0.2.66\r\n\r\n--abuseloop-" , "y\nBcc: victim@example.org")), Incidents.context())
        .get(0);
    MimeMessage m = Mails.parse(mail.render(r));
    MimeMultipart mp = (MimeMultipart) m.getContent();

    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(mp.getCount()).isEqualTo(3);
    assertThat(yaml(Mails.text(mp.getBodyPart(1)))).containsEntry("Source", "203.0.113.9");
  }

  @Test
  void aPrefixIsRefused() {
    AbuseReport r = AbuseReport.of(Incidents.prefix(Incidents.kind("port-sweep-campaign"), List.of()),
        Incidents.context()).get(0);

    assertThat(mail.refusal(r)).get().asString().contains("prefix 203.0.113.0/24");
    assertThatThrownBy(() -> mail.render(r)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xarf-mail");
  }
}
