package org.abuseloop.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.core.outbox.Settlement;
import org.abuseloop.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abuseloop report settle ID --delivered|--not-delivered|--abandoned}: the operator's word on an API call
 * that a crash left uncertain (the outbox never repeats it by itself): delivered makes it sent, not delivered
 * makes it pending so that the next {@code report send} calls again, abandoned makes it failed. The note goes in
 * the reports' history. Not thread-safe; one run at a time (the ledger's compare-and-set keeps two runs from
 * both settling one message).
 */
@Command(name = "settle", mixinStandardHelpOptions = true,
    description = "Say whether an API call a crash left uncertain reached the service: --delivered, --not-delivered "
        + "(sent again by the next 'report send') or --abandoned.")
final class ReportSettleCommand implements Callable<Integer> {

  /** Exactly one of the three answers. */
  static final class Answer {
    @Option(names = "--delivered", required = true, description = "the call reached the service (its account shows it): sent")
    boolean delivered;

    @Option(names = "--not-delivered", required = true, description = "it did not: pending again, the next 'report send' calls again")
    boolean notDelivered;

    @Option(names = "--abandoned", required = true, description = "it did not, and it will not be sent: failed")
    boolean abandoned;

    Settlement settlement() {
      return delivered ? Settlement.DELIVERED : notDelivered ? Settlement.SEND_AGAIN : Settlement.ABANDONED;
    }
  }

  @Mixin
  OutboxOptions outbox;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Answer answer;

  @Option(names = "--note", paramLabel = "TEXT", description = "why, for the reports' history (e.g. what the account showed)")
  String note;

  @Parameters(paramLabel = "ID", description = "the message's id (its Message-ID, or the first 8+ characters of the "
      + "UUID in it) or one of its reports' ids (8+ characters)")
  String id;

  @Override
  public Integer call() {
    Settlement settlement = answer.settlement();
    try (Store store = outbox.open()) {
      OutboxLedger ledger = store.outbox();
      OutgoingMessage m = new TypedId(id).message(ledger);
      List<ReportEntry> reports = m.reportIds().stream().map(ledger::report).flatMap(java.util.Optional::stream).toList();
      if (reports.stream().noneMatch(e -> e.status() == ReportStatus.UNCERTAIN)) {
        throw new IllegalArgumentException("message " + m.messageId() + " is not uncertain (it is " + m.status().id()
            + ", its reports " + String.join(", ", reports.stream().map(e -> e.status().id()).distinct().toList())
            + "): only an API call a crash left uncertain is settled by hand");
      }
      Instant now = Clock.systemUTC().instant();
      if (!ledger.settleUncertain(m.messageId(), settlement, note(settlement), now)) {
        throw new IllegalStateException("message " + m.messageId() + " was settled meanwhile by another run");
      }
      for (ReportEntry e : reports) {
        System.out.println(e.id() + "  " + e.report().source() + "  " + ledger.report(e.id()).orElseThrow().status().id());
      }
      System.out.println("message " + m.messageId() + " (" + m.channel() + ") settled: " + words(settlement));
      return 0;
    }
  }

  private String note(Settlement settlement) {
    return "settled by the operator: " + words(settlement) + (note == null || note.isBlank() ? "" : ": " + note.strip());
  }

  private static String words(Settlement settlement) {
    return switch (settlement) {
      case DELIVERED -> "delivered";
      case SEND_AGAIN -> "not delivered, to be sent again";
      case ABANDONED -> "not delivered, abandoned";
    };
  }
}
