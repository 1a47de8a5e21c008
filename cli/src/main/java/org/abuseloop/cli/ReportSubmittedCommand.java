package org.abuseloop.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.outbox.Settlement;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abuseloop report submitted ID [--note TEXT] [--abandoned]}: a report left to a person (its desk has only a
 * web form) was submitted by hand, so it is sent; with {@code --abandoned} it will not be, so it is failed. Only a
 * report still manual moves. Not thread-safe; one run at a time (the ledger's compare-and-set keeps two runs from
 * both moving one report).
 */
@Command(name = "submitted", mixinStandardHelpOptions = true,
    description = "Say that a report left to a web form was submitted by hand (sent), or --abandoned (failed).")
final class ReportSubmittedCommand implements Callable<Integer> {

  @Mixin
  OutboxOptions outbox;

  @Option(names = "--abandoned", description = "it was not submitted and will not be: failed")
  boolean abandoned;

  @Option(names = "--note", paramLabel = "TEXT", description = "for the report's history (e.g. the desk's ticket number)")
  String note;

  @Parameters(paramLabel = "REPORT_ID", description = "the report's id or its first 8+ characters")
  String id;

  @Override
  public Integer call() {
    try (Store store = outbox.open()) {
      OutboxLedger ledger = store.outbox();
      ReportEntry e = new TypedId(id).report(ledger);
      if (e.status() != ReportStatus.MANUAL) {
        throw new IllegalArgumentException("report " + e.id() + " is " + e.status().id() + ", not manual: only a "
            + "report left to a web form is submitted by hand");
      }
      Settlement settlement = abandoned ? Settlement.ABANDONED : Settlement.DELIVERED;
      String words = abandoned ? "abandoned by the operator" : "submitted by hand in the web form";
      String history = words + (note == null || note.isBlank() ? "" : ": " + note.strip());
      if (!ledger.settleManual(e.id(), settlement, history, Clock.systemUTC().instant())) {
        throw new IllegalStateException("report " + e.id() + " was moved meanwhile by another run");
      }
      System.out.println(e.id() + "  " + e.report().source() + "  "
          + ledger.report(e.id()).orElseThrow().status().id() + " (" + words + ")");
      return 0;
    }
  }
}
