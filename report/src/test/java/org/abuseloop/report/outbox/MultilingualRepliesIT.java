package org.abuseloop.report.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.abuseloop.core.outbox.ReplyKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Abuse desks' answers in eleven languages, each in the charset and transfer encoding such a desk's mail
 * system would use (ISO-8859-1 quoted-printable, KOI8-R base64, ISO-2022-JP, GBK...), delivered to
 * GreenMail's real IMAP server, read back through {@link ImapMailbox} and classified: acknowledged, resolved,
 * "not ours", "send more". Auto-replies by header and a delivery status notification go the same way. Not
 * thread-safe; one server per test.
 */
class MultilingualRepliesIT {

  static final String REPORTER = "reports@reporter.example";
  static final String QUOTED = "\n\n-----Original Message-----\nAbuse report 0f8fad5b-d9cb-469f-a165-70867728950e\n"
      + "Once resolved, the account will be suspended and terminated.\n";

  /** One mail of the test: how it is written, and what it must be read as. */
  record Case(String language, String charset, String encoding, String subject, String body, ReplyKind kind,
      ReplyClassifier.Gist gist) {}

  static final List<Case> CASES = List.of(
      // English
      new Case("en", "UTF-8", "7bit", "[Ticket#2026031412345] Abuse report received",
          "Thank you. We have received your report; a ticket has been created. Please do not reply to this message.",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("en", "UTF-8", "7bit", "Re: Abuse report", "Hello, the instance was terminated and the case is closed.",
          ReplyKind.RESOLUTION, null),
      new Case("en", "UTF-8", "7bit", "Re: Abuse report", "Hi, 203.0.113.9 is not part of our network; please ask "
          + "the registry.", ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("en", "UTF-8", "7bit", "Re: Abuse report", "Could you send the full logs with time zone? We need "
          + "more information to identify the customer.", ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // German
      new Case("de", "ISO-8859-1", "quoted-printable", "[Ticket#2026031498765] Ihre Meldung",
          "Sehr geehrte Damen und Herren,\n\nwir haben Ihre Meldung erhalten und unter der Ticketnummer 98765 "
              + "erfasst. Bitte antworten Sie nicht auf diese E-Mail.", ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("de", "ISO-8859-1", "quoted-printable", "AW: Abuse report",
          "Hallo,\n\nder Server unseres Kunden wurde gesperrt, wir haben Maßnahmen ergriffen.\n\nMit freundlichen Grüßen",
          ReplyKind.RESOLUTION, null),
      new Case("de", "UTF-8", "quoted-printable", "AW: Abuse report",
          "Hallo,\n\ndie Adresse 203.0.113.9 gehört nicht zu unserem Netz. Bitte wenden Sie sich an den Inhaber.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("de", "UTF-8", "quoted-printable", "AW: Abuse report",
          "Hallo,\n\nwir benötigen weitere Informationen: Logauszüge mit Zeitzone. Der Fall ist noch nicht gelöst.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // French
      new Case("fr", "ISO-8859-1", "quoted-printable", "[Ticket#556677] Accusé de réception",
          "Bonjour,\n\nNous avons bien reçu votre signalement. Ceci est un message automatique, merci de ne pas répondre.",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("fr", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Bonjour,\n\nLe serveur de notre client a été suspendu. Le problème est résolu.\n\nCordialement",
          ReplyKind.RESOLUTION, null),
      new Case("fr", "UTF-8", "base64", "RE: Abuse report",
          "Bonjour,\n\nCette adresse n'appartient pas à notre réseau. Merci d'attendre la résolution par le bon opérateur.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("fr", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Bonjour,\n\nPourriez-vous nous fournir des informations supplémentaires (extraits de journaux horodatés) ?",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // Spanish
      new Case("es", "ISO-8859-1", "quoted-printable", "[Caso 20260314-0042] Denuncia de abuso",
          "Hola,\n\nHemos recibido su denuncia. Número de caso 20260314-0042. Este es un mensaje automático, no responda.",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("es", "UTF-8", "base64", "RE: Abuse report",
          "Hola,\n\nEl servidor ha sido suspendido y hemos tomado medidas con el cliente.\n\nSaludos",
          ReplyKind.RESOLUTION, null),
      new Case("es", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Hola,\n\nLa dirección 203.0.113.9 no pertenece a nuestra red.", ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("es", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Hola,\n\nNecesitamos más información: registros completos con la zona horaria.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // Portuguese
      new Case("pt", "ISO-8859-1", "quoted-printable", "[Chamado 778899] Denúncia recebida",
          "Olá,\n\nRecebemos sua denúncia, número do chamado 778899. Esta é uma mensagem automática, não responda.",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("pt", "UTF-8", "base64", "RE: Abuse report",
          "Olá,\n\nO servidor do cliente foi suspenso e o problema foi resolvido.", ReplyKind.RESOLUTION, null),
      new Case("pt", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Olá,\n\nEste IP não pertence à nossa rede.", ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("pt", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Olá,\n\nPor favor envie mais informações, com logs completos e fuso horário.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // Italian
      new Case("it", "ISO-8859-1", "quoted-printable", "[Ticket#334455] Segnalazione ricevuta",
          "Buongiorno,\n\nabbiamo ricevuto la sua segnalazione. Messaggio automatico: non rispondere.",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("it", "UTF-8", "quoted-printable", "R: Abuse report",
          "Buongiorno,\n\nil server del cliente è stato sospeso, abbiamo preso provvedimenti.",
          ReplyKind.RESOLUTION, null),
      new Case("it", "UTF-8", "base64", "R: Abuse report",
          "Buongiorno,\n\nl'indirizzo non appartiene alla nostra rete.", ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("it", "UTF-8", "quoted-printable", "R: Abuse report",
          "Buongiorno,\n\nci servono ulteriori informazioni, per favore inviate log completi.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // Dutch
      new Case("nl", "ISO-8859-1", "quoted-printable", "[Melding 20260314001] Abuse report",
          "Beste,\n\nWij hebben uw melding ontvangen onder meldingsnummer 20260314001. Dit is een automatisch bericht.",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("nl", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Beste,\n\nDe server van de klant is geblokkeerd, het probleem is opgelost.", ReplyKind.RESOLUTION, null),
      new Case("nl", "UTF-8", "base64", "RE: Abuse report",
          "Beste,\n\nDit adres behoort niet tot ons netwerk.", ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("nl", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Beste,\n\nKunt u meer informatie sturen, met volledige logs?", ReplyKind.ANSWER,
          ReplyClassifier.Gist.MORE_INFO),
      // Russian
      new Case("ru", "KOI8-R", "base64", "[Обращение #123456] Abuse report",
          "Здравствуйте!\n\nВаше обращение зарегистрировано под номером 123456. Это автоматическое сообщение, "
              + "не отвечайте на него.", ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("ru", "KOI8-R", "quoted-printable", "RE: Abuse report",
          "Здравствуйте!\n\nСервер клиента заблокирован, меры приняты.\n\nС уважением, служба abuse",
          ReplyKind.RESOLUTION, null),
      new Case("ru", "UTF-8", "base64", "RE: Abuse report",
          "Здравствуйте!\n\nУказанный адрес не принадлежит нашей сети. Для устранения проблемы обратитесь к владельцу.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("ru", "UTF-8", "base64", "RE: Abuse report",
          "Здравствуйте!\n\nПредоставьте, пожалуйста, дополнительную информацию: полные логи с часовым поясом.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // Polish
      new Case("pl", "ISO-8859-2", "quoted-printable", "[Zgłoszenie 2026/03/1234] Abuse report",
          "Dzień dobry,\n\nOtrzymaliśmy Państwa zgłoszenie, numer zgłoszenia 1234. To jest wiadomość automatyczna.",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("pl", "ISO-8859-2", "quoted-printable", "RE: Abuse report",
          "Dzień dobry,\n\nSerwer klienta został zablokowany, podjęliśmy działania.", ReplyKind.RESOLUTION, null),
      new Case("pl", "UTF-8", "base64", "RE: Abuse report",
          "Dzień dobry,\n\nTen adres nie należy do naszej sieci. Czekamy na rozwiązanie po stronie właściciela.",
          ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("pl", "UTF-8", "quoted-printable", "RE: Abuse report",
          "Dzień dobry,\n\nProsimy o więcej informacji oraz pełne logi.", ReplyKind.ANSWER,
          ReplyClassifier.Gist.MORE_INFO),
      // Chinese
      new Case("zh", "GBK", "base64", "工单号：20260314001 滥用举报已受理",
          "您好：\n\n我们已收到您的举报，工单号 20260314001。本邮件由系统自动发送，请勿回复。",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("zh", "GBK", "base64", "回复: Abuse report", "您好：\n\n该服务器已封禁，问题已处理。", ReplyKind.RESOLUTION,
          null),
      new Case("zh", "UTF-8", "base64", "回复: Abuse report", "您好：\n\n该 IP 不属于我们的网络，我们无法处理。",
          ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("zh", "UTF-8", "base64", "回复: Abuse report", "您好：\n\n请提供更多信息，例如完整日志和时区。",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO),
      // Japanese
      new Case("ja", "ISO-2022-JP", "7bit", "[受付番号 123456] 不正利用のご報告",
          "お問い合わせを受け付けました。受付番号は123456です。このメールは自動送信されています。",
          ReplyKind.ACKNOWLEDGEMENT, null),
      new Case("ja", "ISO-2022-JP", "7bit", "Re: Abuse report", "ご報告ありがとうございます。該当サーバを停止しました。",
          ReplyKind.RESOLUTION, null),
      new Case("ja", "UTF-8", "base64", "Re: Abuse report", "ご指摘のIPアドレスは弊社のネットワークではありません。",
          ReplyKind.ANSWER, ReplyClassifier.Gist.NOT_OURS),
      new Case("ja", "UTF-8", "base64", "Re: Abuse report", "調査のため、詳細な情報とログの提供をお願いいたします。",
          ReplyKind.ANSWER, ReplyClassifier.Gist.MORE_INFO));

  GreenMail greenMail;
  Session session = Session.getInstance(new Properties());

  @BeforeEach
  void start() throws IOException {
    int imap;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      imap = s.getLocalPort();
    }
    greenMail = new GreenMail(new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    greenMail.setUser(REPORTER, "reports", "s3cret-for-tests");
    greenMail.start();
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private ImapMailbox mailbox() {
    return new ImapMailbox(new MailServer("127.0.0.1", greenMail.getImap().getPort(), MailServer.Security.NONE,
        "reports", "s3cret-for-tests", null, Duration.ofSeconds(10)), "INBOX", Clock.systemUTC());
  }

  private void deliver(MimeMessage m) {
    greenMail.getUserManager().getUserByEmail(REPORTER).deliver(m);
  }

  private MimeMessage mail(Case c, int n) throws Exception {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("abuse@desk-" + c.language() + ".example"));
    m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(REPORTER));
    m.setSubject(c.subject(), c.charset());
    m.setText(c.body() + QUOTED, c.charset());
    m.setHeader("Content-Transfer-Encoding", c.encoding());
    m.setHeader("In-Reply-To", "<abuseloop.case" + n + "@reporter.example>");
    m.saveChanges();
    m.setHeader("Content-Transfer-Encoding", c.encoding());
    m.setHeader("Message-ID", "<reply" + n + "@desk-" + c.language() + ".example>");
    return m;
  }

  @Test
  void eachLanguagesAnswersAreReadForWhatTheySay() throws Exception {
    for (int i = 0; i < CASES.size(); i++) {
      deliver(mail(CASES.get(i), i));
    }

    List<IncomingMail> read = mailbox().fetchAfter(null).mails();

    assertThat(read).hasSize(CASES.size());
    ReplyClassifier classifier = new ReplyClassifier();
    Map<String, String> wrong = new LinkedHashMap<>();
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      IncomingMail mail = read.get(i);
      assertThat(mail.messageId()).isEqualTo("<reply" + i + "@desk-" + c.language() + ".example>");
      assertThat(mail.subject()).as("the subject decoded from %s", c.charset()).isEqualTo(c.subject());
      ReplyKind kind = classifier.classify(mail);
      ReplyClassifier.Gist gist = classifier.gist(mail);
      if (kind != c.kind() || gist != c.gist()) {
        wrong.put(c.language() + " " + c.subject(), kind + "/" + gist + ", expected " + c.kind() + "/" + c.gist());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(CASES).extracting(Case::language).containsOnly("en", "de", "fr", "es", "pt", "it", "nl", "ru", "pl",
        "zh", "ja");
  }

  @Test
  void autoRepliesAreKnownByTheirHeadersInAnyLanguage() throws Exception {
    List<String[]> headers = List.of(new String[] {"Auto-Submitted", "auto-replied"},
        new String[] {"X-Autoreply", "yes"}, new String[] {"Precedence", "auto_reply"},
        new String[] {"Auto-Submitted", "no"});
    List<String> bodies = List.of("Ich bin bis zum 20. März nicht im Büro.", "Je suis absent jusqu'au 20 mars.",
        "本邮件为休假通知。", "Я в отпуске до 20 марта.");
    for (int i = 0; i < headers.size(); i++) {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress("desk@provider.example"));
      m.setSubject("Re: Abuse report [abuseloop 1a2b3c4d]", "UTF-8");
      m.setText(bodies.get(i), "UTF-8");
      m.setHeader(headers.get(i)[0], headers.get(i)[1]);
      m.saveChanges();
      deliver(m);
    }

    List<IncomingMail> read = mailbox().fetchAfter(null).mails();

    ReplyClassifier classifier = new ReplyClassifier();
    List<ReplyKind> kinds = new ArrayList<>();
    read.forEach(m -> kinds.add(classifier.classify(m)));
    assertThat(kinds).containsExactly(ReplyKind.ACKNOWLEDGEMENT, ReplyKind.ACKNOWLEDGEMENT, ReplyKind.ACKNOWLEDGEMENT,
        ReplyKind.ANSWER);
  }

  @Test
  void aDeliveryStatusNotificationIsABounceWhateverItsLanguage() throws Exception {
    String dsn = """
        From: MAILER-DAEMON@mx.provider.example
        To: reports@reporter.example
        Subject: =?UTF-8?B?0J3QtdC00L7RgdGC0LDQstC70LXQvdC90L7QtSDRgdC+0L7QsdGJ0LXQvdC40LU=?=
        Message-ID: <dsn1@mx.provider.example>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: 8bit

        Ihre Nachricht konnte nicht zugestellt werden. Das Problem wurde nicht gelöst.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.provider.example

        Final-Recipient: rfc822; abuse@provider.example
        Action: failed
        Status: 5.1.1

        --b1
        Content-Type: text/rfc822-headers

        Message-ID: <abuseloop.0f8fad5b@reporter.example>
        Subject: Abuse report [abuseloop 0f8fad5b]

        --b1--
        """.replace("\n", "\r\n");
    deliver(new MimeMessage(session, new ByteArrayInputStream(dsn.getBytes(StandardCharsets.UTF_8))));

    IncomingMail read = mailbox().fetchAfter(null).mails().get(0);

    assertThat(read.deliveryReport()).isTrue();
    assertThat(read.references()).contains("<abuseloop.0f8fad5b@reporter.example>");
    assertThat(new ReplyClassifier().classify(read)).isEqualTo(ReplyKind.BOUNCE);
  }
}
