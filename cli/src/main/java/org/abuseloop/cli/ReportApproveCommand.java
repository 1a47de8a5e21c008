package org.abuseloop.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code abuseloop report approve ID...|--all}: approves queued reports (approval mode) so that the next
 * {@code report send} sends them; without arguments it lists what waits, the reports left to a person
 * (web forms: the form's address and the file of prefilled fields) and the API calls a crash left uncertain, each
 * with the command that settles it ({@code report submitted}, {@code report settle}). Not thread-safe; one run at
 * a time.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve queued reports by id (at least 8 characters) or --all; without either, list them.")
final class ReportApproveCommand implements Callable<Integer> {

  @Mixin
  OutboxOptions outbox;

  @Option(names = "--all", description = "approve every queued report")
  boolean all;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "report ids or their first 8+ characters")
  List<String> ids = List.of();

  @Override
  public Integer call() {
    try (Store store = outbox.open()) {
      if (!all && ids.isEmpty()) {
        List<ReportEntry> queued = store.outbox().unbatched(ReportStatus.QUEUED);
        queued.forEach(e -> System.out.println(line(e)));
        System.out.println(queued.size() + " report(s) waiting for approval");
        List<ReportEntry> all = store.outbox().reports();
        all.stream().filter(e -> e.status() == ReportStatus.MANUAL).forEach(e -> System.out.println("manual    "
            + e.id() + "  " + e.report().source() + "  fill in " + e.report().contact() + " with the fields in "
            + e.formFile() + " (not submitted by abuseloop; then: abuseloop report submitted " + e.shortId() + ")"));
        all.stream().filter(e -> e.status() == ReportStatus.UNCERTAIN).forEach(e -> System.out.println("uncertain "
            + e.id() + "  " + e.report().source() + "  " + e.lastError() + " (then: abuseloop report settle "
            + e.shortId() + " --delivered|--not-delivered|--abandoned)"));
        return 0;
      }
      if (all && !ids.isEmpty()) {
        throw new IllegalArgumentException("give report ids or --all, not both");
      }
      List<ReportEntry> approved = store.outbox().approve(all ? List.of() : ids, Clock.systemUTC().instant());
      approved.forEach(e -> System.out.println("approved " + line(e)));
      List<String> unmatched = ids.stream()
          .filter(id -> approved.stream().noneMatch(e -> e.id().toString().startsWith(id))).toList();
      unmatched.forEach(id -> System.err.println("abuseloop: no queued report " + id));
      return unmatched.isEmpty() ? 0 : 1;
    }
  }

  private static String line(ReportEntry e) {
    return e.id() + "  " + e.report().source() + "  " + e.report().scenario() + "  to " + e.report().contact() + " ("
        + e.report().format() + ")";
  }
}
