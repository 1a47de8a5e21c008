package org.abuseloop.report.outbox;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.abuseloop.core.outbox.ReplyKind;

/**
 * Says what a mail about a report is: a bounce (a DSN whose action is failed), a resolution (the desk
 * says it acted: resolved, terminated, suspended, taken action), an automatic acknowledgement (headers of
 * an auto-responder, or a ticket-number subject with a receipt's wording), or else a person's answer. Only the mail's own words
 * count: quoted lines and our report quoted back are cut off first. Immutable and thread-safe.
 *
 * <p>Written by hand: no library classifies abuse-desk replies; the phrases are the ones desks use.
 */
public final class ReplyClassifier {

  private static final List<String> ACTED = List.of(
      "resolved", "terminated", "suspended", "taken action", "action has been taken", "have taken action",
      "has been taken down", "have been taken down", "shut down", "has been disabled", "has been removed",
      "have removed", "has been mitigated", "null-routed", "nullrouted", "blocked the customer", "stopped the");
  private static final List<String> NOT_ACTED = List.of(
      "not resolved", "unresolved", "once resolved", "until resolved", "not been resolved", "not terminated",
      "not suspended", "will be resolved", "will be terminated", "will be suspended");
  // What a ticket system's receipt says; a person answering in the same ticket thread says none of it.
  private static final List<String> RECEIPT = List.of(
      "received your", "has been received", "have received", "automated", "automatic", "do not reply",
      "ticket has been created", "ticket was created", "reference number", "ticket number", "case number");
  // Subjects of ticket systems: "[Ticket#12345]", "Case 0123456", "#AB-2024-1234", "(Incident ID: 77)".
  private static final Pattern TICKET = Pattern.compile(
      "(?i)(ticket|case|incident|tracking|request)\\s*(id|no\\.?|number|#)?\\s*[:#]?\\s*[A-Z0-9-]*\\d{3,}|#\\s?[A-Z]*-?\\d{4,}");
  private static final Pattern QUOTE_START = Pattern.compile(
      "(?m)^(-{2,}\\s*(original message|forwarded message|report [0-9a-f-]{36}).*|on .{0,200} wrote:\\s*|from: .*)$",
      Pattern.CASE_INSENSITIVE);

  /** The kind of {@code mail}, or null for a DSN that reports no failure (delayed, relayed). */
  public ReplyKind classify(IncomingMail mail) {
    if (mail.deliveryReport()) {
      return mail.deliveryFailed() ? ReplyKind.BOUNCE : null;
    }
    String own = ownWords(mail.text()).toLowerCase(Locale.ROOT);
    if (saysActed(own)) {
      return ReplyKind.RESOLUTION;
    }
    if (mail.automatic() || TICKET.matcher(mail.subject()).find() && RECEIPT.stream().anyMatch(own::contains)) {
      return ReplyKind.ACKNOWLEDGEMENT;
    }
    return ReplyKind.ANSWER;
  }

  private static boolean saysActed(String text) {
    String cleared = text;
    for (String negation : NOT_ACTED) {
      cleared = cleared.replace(negation, " ");
    }
    for (String phrase : ACTED) {
      if (cleared.contains(phrase)) {
        return true;
      }
    }
    return false;
  }

  /** The text without quoted lines ({@code >}) and without what follows a quote header or our report. */
  static String ownWords(String text) {
    var m = QUOTE_START.matcher(text);
    String head = m.find() ? text.substring(0, m.start()) : text;
    StringBuilder own = new StringBuilder(head.length());
    for (String line : head.split("\r?\n")) {
      if (!line.stripLeading().startsWith(">")) {
        own.append(line).append('\n');
      }
    }
    return own.toString();
  }
}
