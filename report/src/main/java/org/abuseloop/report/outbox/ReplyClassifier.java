package org.abuseloop.report.outbox;

import java.util.regex.Pattern;
import org.abuseloop.core.outbox.ReplyKind;

/**
 * Says what a mail about a report is: a bounce (a DSN whose action is failed), a resolution (the desk
 * says it acted: resolved, terminated, suspended, taken action), an automatic acknowledgement (headers of
 * an auto-responder, or a ticket-number subject with a receipt's wording), or else a person's answer; and
 * for an answer its gist when it says the address is not the desk's or asks for more information. Only
 * the mail's own words count: quoted lines and our report quoted back are cut off first. The wordings of
 * eleven languages are known ({@link ReplyPhrases}). Immutable and thread-safe.
 *
 * <p>Written by hand: no library classifies abuse-desk replies; the phrases are the ones desks use.
 */
public final class ReplyClassifier {

  /** What an answer says beyond its kind. */
  public enum Gist {
    /** The desk says the address is not on its network. */
    NOT_OURS("says the address is not on its network"),
    /** The desk asks for more information (logs, times). */
    MORE_INFO("asks for more information");

    private final String words;

    Gist(String words) {
      this.words = words;
    }

    /** The gist in words, for the report's history. */
    public String words() {
      return words;
    }
  }

  private static final Pattern QUOTE_START = Pattern.compile(
      "(?m)^(-{2,}\\s*(original message|forwarded message|ursprüngliche nachricht|message d'origine|mensaje original"
          + "|mensagem original|messaggio originale|oorspronkelijk bericht|исходное сообщение|wiadomość oryginalna"
          + "|report [0-9a-f-]{36}).*|(on|am|le|el|em|il|op) .{0,200} (wrote|schrieb|a écrit|escribió|escreveu"
          + "|ha scritto|schreef):\\s*|from: .*|von: .*|de: .*|от: .*)$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** The kind of {@code mail}, or null for a DSN that reports no failure (delayed, relayed). */
  public ReplyKind classify(IncomingMail mail) {
    if (mail.deliveryReport()) {
      return mail.deliveryFailed() ? ReplyKind.BOUNCE : null;
    }
    String own = ReplyPhrases.fold(ownWords(mail.text()));
    if (saysActed(own)) {
      return ReplyKind.RESOLUTION;
    }
    if (mail.automatic() || ReplyPhrases.TICKET.matcher(mail.subject()).find() && saysReceived(own)) {
      return ReplyKind.ACKNOWLEDGEMENT;
    }
    return ReplyKind.ANSWER;
  }

  /** What a person's answer says beyond its kind, or null. "Not ours" comes before a request for more. */
  public Gist gist(IncomingMail mail) {
    if (mail.deliveryReport() || mail.automatic()) {
      return null;
    }
    String own = ReplyPhrases.fold(ownWords(mail.text()));
    if (ReplyPhrases.languages().anyMatch(l -> l.notOurs().stream().anyMatch(own::contains))) {
      return Gist.NOT_OURS;
    }
    if (ReplyPhrases.languages().anyMatch(l -> l.moreInfo().stream().anyMatch(own::contains))) {
      return Gist.MORE_INFO;
    }
    return null;
  }

  private static boolean saysActed(String text) {
    return ReplyPhrases.languages().anyMatch(l -> {
      String cleared = text;
      for (String negation : l.notActed()) {
        cleared = cleared.replace(negation, " ");
      }
      String c = cleared;
      return l.acted().stream().anyMatch(c::contains);
    });
  }

  private static boolean saysReceived(String text) {
    return ReplyPhrases.languages().anyMatch(l -> l.receipt().stream().anyMatch(text::contains));
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
