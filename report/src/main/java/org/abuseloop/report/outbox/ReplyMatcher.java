package org.abuseloop.report.outbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;

/**
 * Finds the reports a mail is about, most reliable clue first: a Message-ID of ours in In-Reply-To,
 * References or a returned message (all the reports of that message); else report ids quoted in its
 * text; else the subject tag {@code [abuseloop SHORTID]}. Thread-safe as far as its ledger is.
 */
final class ReplyMatcher {

  private static final Pattern REPORT_ID = Pattern.compile(
      "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("\\[abuseloop ([0-9a-f]{8})\\]", Pattern.CASE_INSENSITIVE);

  private final OutboxLedger ledger;

  ReplyMatcher(OutboxLedger ledger) {
    this.ledger = ledger;
  }

  /** The ids of the reports {@code mail} is about; empty for mail about none of ours. */
  List<UUID> reportsOf(IncomingMail mail) {
    Set<UUID> found = new LinkedHashSet<>();
    for (String id : mail.references()) {
      ledger.message(id).ifPresent(m -> found.addAll(m.reportIds()));
    }
    if (found.isEmpty()) {
      Matcher ids = REPORT_ID.matcher(mail.text());
      while (ids.find()) {
        UUID id = UUID.fromString(ids.group().toLowerCase(java.util.Locale.ROOT));
        ledger.report(id).ifPresent(r -> found.add(r.id()));
      }
    }
    if (found.isEmpty()) {
      Matcher tag = TAG.matcher(mail.subject());
      while (tag.find()) {
        Optional<OutgoingMessage> m = ledger.messageByTag(tag.group(1).toLowerCase(java.util.Locale.ROOT));
        m.ifPresent(x -> found.addAll(x.reportIds()));
      }
    }
    return List.copyOf(found);
  }
}
