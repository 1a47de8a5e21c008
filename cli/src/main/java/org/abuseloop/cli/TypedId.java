package org.abuseloop.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;

/**
 * What the operator typed to name a report or a message of the outbox: a report id or a Message-ID (with or
 * without its angle brackets, or the UUID inside it, which the subject tag begins), whole or its first 8 or
 * more characters, as {@code report approve} takes them. Immutable and thread-safe; the look-ups read the
 * ledger once each.
 */
final class TypedId {

  /** The fewest characters that name a report or message. */
  static final int MIN_LENGTH = 8;

  private final String typed;

  TypedId(String typed) {
    String t = bare(typed.strip());
    if (t.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("an id needs at least " + MIN_LENGTH + " characters, got '" + typed + "'");
    }
    this.typed = t;
  }

  /** The one report whose id starts with what was typed; else a clear error (none, or several). */
  ReportEntry report(OutboxLedger ledger) {
    List<ReportEntry> found = ledger.reports().stream().filter(e -> e.id().toString().startsWith(typed)).toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no report " + typed + " in the outbox");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException("'" + typed + "' names " + found.size() + " reports ("
          + String.join(", ", found.stream().map(e -> e.id().toString()).toList()) + "): give more characters");
    }
    return found.get(0);
  }

  /**
   * The one message named by what was typed: its Message-ID (or the UUID in it) starts so, or it carries the
   * report whose id does; else a clear error (none, several, or a report in no message).
   */
  OutgoingMessage message(OutboxLedger ledger) {
    Set<String> ids = new LinkedHashSet<>();
    List<ReportEntry> unsent = new ArrayList<>();
    for (ReportEntry e : ledger.reports()) {
      if (e.id().toString().startsWith(typed)) {
        if (e.messageId() == null) {
          unsent.add(e);
        } else {
          ids.add(e.messageId());
        }
      }
    }
    List<OutgoingMessage> all = new ArrayList<>();
    for (MessageStatus s : MessageStatus.values()) {
      all.addAll(ledger.messages(s));
    }
    for (OutgoingMessage m : all) {
      String bare = bare(m.messageId());
      String uuid = bare.startsWith("abuseloop.") ? bare.substring("abuseloop.".length()) : bare;
      if (bare.startsWith(typed) || uuid.startsWith(typed)) {
        ids.add(m.messageId());
      }
    }
    if (ids.size() > 1) {
      throw new IllegalArgumentException("'" + typed + "' names " + ids.size() + " messages (" + String.join(", ", ids)
          + "): give more characters");
    }
    if (ids.isEmpty()) {
      if (!unsent.isEmpty()) {
        ReportEntry e = unsent.get(0);
        throw new IllegalArgumentException("report " + e.id() + " is in no message (it is " + e.status().id() + ")"
            + (e.status() == ReportStatus.MANUAL
                ? ": a web form submitted by hand is told with 'abuseloop report submitted " + e.shortId() + "'" : ""));
      }
      throw new IllegalArgumentException("no report or message " + typed + " in the outbox");
    }
    String id = ids.iterator().next();
    return all.stream().filter(m -> m.messageId().equals(id)).findFirst().orElseThrow();
  }

  // A Message-ID without its angle brackets, lower case (ids are compared so); other text only lower-cased.
  private static String bare(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    return lower.startsWith("<") && lower.endsWith(">") ? lower.substring(1, lower.length() - 1) : lower;
  }
}
