package org.abuseloop.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.abuseloop.report.outbox.TrackRun;
import org.abuseloop.report.outbox.Tracker;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code abuseloop report replies}: reads the reporter's mailbox over IMAP from where it last stopped and
 * records bounces, acknowledgements, answers and resolutions against the reports. Not thread-safe; one
 * run at a time.
 */
@Command(name = "replies", mixinStandardHelpOptions = true,
    description = "Fetch replies over IMAP and classify them: bounced, acknowledged, answered, resolved.")
final class ReportRepliesCommand implements Callable<Integer> {

  @Mixin
  OutboxOptions outbox;

  @Mixin
  MailOptions mail;

  @Override
  public Integer call() throws Exception {
    try (Store store = outbox.open()) {
      TrackRun run = new Tracker(store.outbox(), mail.imap(outbox.config(), Clock.systemUTC())).poll();
      System.out.printf("read %d mail(s): %d replies recorded, %d copies of our reports, %d unrelated%n", run.read(),
          run.matched(), run.ownCopies(), run.unrelated());
      return 0;
    }
  }
}
