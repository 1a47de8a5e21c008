package org.abuseloop.report.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.abuseloop.core.outbox.ReplyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What desks write back, classified by the mail's own words and headers; pure, no I/O. */
class ReplyClassifierTest {

  private final ReplyClassifier classifier = new ReplyClassifier();

  private static IncomingMail mail(String subject, boolean automatic, String text) {
    return new IncomingMail(1, "<r@desk.example>", List.of(), subject, "desk@provider.example", automatic, false, false,
        text, Instant.EPOCH);
  }

  @Test
  void aFailedDeliveryReportIsABounceAndADelayIsNothing() {
    IncomingMail failed = new IncomingMail(1, null, List.of(), "Undelivered Mail", "MAILER-DAEMON", true, true, true, "",
        Instant.EPOCH);
    IncomingMail delayed = new IncomingMail(1, null, List.of(), "Delayed Mail", "MAILER-DAEMON", true, true, false, "",
        Instant.EPOCH);

    assertThat(classifier.classify(failed)).isEqualTo(ReplyKind.BOUNCE);
    assertThat(classifier.classify(delayed)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Re: Abuse report [abuseloop 1a2b3c4d]|false|Thanks, we have terminated the customer's instance.|RESOLUTION",
      "Re: Abuse report|false|The instance was suspended and the case is resolved.|RESOLUTION",
      "Re: Abuse report|false|We have taken action against the customer.|RESOLUTION",
      "Re: Abuse report|false|We are looking into it and will get back to you.|ANSWER",
      "Re: Abuse report|false|This is not resolved yet, please send more logs.|ANSWER",
      "[Ticket#2026030112345] Abuse report received|false|We received your report and will take appropriate action.|ACKNOWLEDGEMENT",
      "Re: Abuse report|true|Your message was received. Case number will follow.|ACKNOWLEDGEMENT",
      "[Ticket#2026030112345] Re: Abuse report|false|Hello, the customer says it was a test; we are checking.|ANSWER",
      "Case 0012345: abuse report|false|This is an automated message: we have received your report.|ACKNOWLEDGEMENT",
      "Re: Abuse report|true|The issue will be resolved once the customer answers.|ACKNOWLEDGEMENT",
      "Automatic reply|true|Our ticket system closed this: the abuse has been resolved.|RESOLUTION",
  })
  void classifiesByWhatTheMailItselfSays(String subject, boolean automatic, String text, ReplyKind expected) {
    assertThat(classifier.classify(mail(subject, automatic, text))).isEqualTo(expected);
  }

  @Test
  void quotedTextAndOurOwnReportDoNotCount() {
    String reply = "We will check.\n\nOn 2026-03-01 someone wrote:\n> This was resolved? No.\n"
        + "----- report 0f8fad5b-d9cb-469f-a165-70867728950e (text) -----\nterminated suspended resolved\n";
    String quoted = "Looking into it.\n> the account has been suspended\n";

    assertThat(classifier.classify(mail("Re: report", false, reply))).isEqualTo(ReplyKind.ANSWER);
    assertThat(classifier.classify(mail("Re: report", false, quoted))).isEqualTo(ReplyKind.ANSWER);
  }
}
