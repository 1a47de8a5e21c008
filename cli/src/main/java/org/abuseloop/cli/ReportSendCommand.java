package org.abuseloop.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.abuseloop.report.outbox.Courier;
import org.abuseloop.report.outbox.Routes;
import org.abuseloop.report.outbox.SendRun;
import org.abuseloop.report.outbox.SentCheck;
import org.abuseloop.report.outbox.SmtpSettings;
import org.abuseloop.report.outbox.SmtpTransport;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code abuseloop report send}: one run of the outbox: settles messages a crash left in sending, batches
 * the due reports (approved ones, or every queued one in automatic mode) and sends each by its channel:
 * SMTP, AbuseIPDB's or Microsoft's API, or (web forms) a file of prefilled fields for a person; retrying
 * refusals with backoff. Exit 1 when a message was given up. Not thread-safe; one run at a time.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send the reports that are due: one message per contact and period, retries with backoff.")
final class ReportSendCommand implements Callable<Integer> {

  @Mixin
  OutboxOptions outbox;

  @Mixin
  SendPolicyOptions sending;

  @Mixin
  MailOptions mail;

  @Mixin
  ApiOptions apis;

  @Option(names = "--organisation", paramLabel = "NAME", description = "who reports, as the desk reads it (default: the From domain)")
  String organisation;

  @Override
  public Integer call() throws Exception {
    Clock clock = Clock.systemUTC();
    ReportConfig config = outbox.config();
    SmtpSettings smtp = mail.smtp(config);
    SentCheck check = mail.hasImap(config) ? mail.imap(config, clock) : SentCheck.none();
    if (!mail.hasImap(config)) {
      System.err.println("abuseloop: no --imap-host: a message a crash left in sending will be sent again (same Message-ID)");
    }
    try (Store store = outbox.open()) {
      Routes routes = new Routes(new SmtpTransport(smtp), apis.abuseIpdb(clock, config), apis.msrc(clock, config),
          apis.forms(outbox.state, config));
      Courier courier = new Courier(store.outbox(), routes, check, sending.policy(config), smtp.domain(),
          OutboxOptions.first(organisation, config.organisation(), smtp.domain()), clock);
      SendRun run = courier.send();
      System.out.printf("composed %d message(s), sent %d, retrying %d, failed %d; bad contacts %d; "
              + "after a crash: %d confirmed sent, %d sent again, %d API call(s) uncertain; "
              + "%d report(s) left to a web form (see report approve); %d waiting for an unconfigured API%n",
          run.composed(), run.sent(), run.retrying(), run.failed(), run.badContacts(), run.recovered(), run.released(),
          run.uncertain(), run.manual(), run.unrouted());
      return run.failed() + run.badContacts() > 0 ? 1 : 0;
    }
  }
}
