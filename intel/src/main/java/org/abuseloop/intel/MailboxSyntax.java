package org.abuseloop.intel;

/**
 * A plausibility check of an abuse desk's e-mail address ({@code local@domain.tld}, printable
 * ASCII, no spaces, no line breaks). Stateless and thread-safe.
 *
 * <p>Deliberately narrow and hand-written: intel has no mail library, and an address that reaches
 * a mail header must never carry CR/LF or spaces (RDAP answers are edited by the registry's
 * customers). The outbox parses it fully again (Angus Mail) before sending.
 */
final class MailboxSyntax {

  static final int MAX_LENGTH = 254;

  private MailboxSyntax() {}

  /** True when {@code text} looks like one deliverable address. */
  static boolean plausible(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return false;
    }
    int at = text.lastIndexOf('@');
    if (at <= 0 || at != text.indexOf('@') || at == text.length() - 1) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')') {
        return false;
      }
    }
    String domain = text.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    return dot > 0 && dot < domain.length() - 1 && !domain.startsWith("-") && !domain.contains("..");
  }
}
