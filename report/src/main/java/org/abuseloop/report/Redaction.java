package org.abuseloop.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The operator's own host names and user names, which a report replaces by the placeholders
 * {@code [host]} and {@code [user]} wherever they appear in text it quotes (log extracts, file names,
 * the users an attacker tried). Immutable and thread-safe.
 *
 * @param hostNames the operator's host names, matched without regard to case
 * @param userNames the operator's user names, matched exactly
 */
public record Redaction(List<String> hostNames, List<String> userNames) {

  /** The placeholder that replaces a host name. */
  public static final String HOST = "[host]";
  /** The placeholder that replaces a user name. */
  public static final String USER = "[user]";

  public Redaction {
    hostNames = longestFirst(hostNames);
    userNames = longestFirst(userNames);
  }

  /** Nothing to redact. */
  public static Redaction none() {
    return new Redaction(List.of(), List.of());
  }

  /** {@code text} with every host name and user name replaced by its placeholder; null stays null. */
  public String apply(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String host : hostNames) {
      out = replaceIgnoringCase(out, host, HOST);
    }
    for (String user : userNames) {
      out = out.replace(user, USER);
    }
    return out;
  }

  /** A whole user name as a report shows it: the placeholder when it is one of the operator's. */
  public String user(String name) {
    return userNames.contains(name) ? USER : apply(name);
  }

  // Longest first, so that "pbx1.example.net" is replaced before "pbx1".
  private static List<String> longestFirst(List<String> names) {
    List<String> sorted = new ArrayList<>();
    for (String n : names) {
      if (n != null && !n.isBlank()) {
        sorted.add(n.strip());
      }
    }
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return List.copyOf(sorted);
  }

  // String.replace has no case-insensitive form, and lower-casing the text could change its length
  // (attacker-controlled text may hold any character), so compare region by region.
  private static String replaceIgnoringCase(String text, String name, String placeholder) {
    StringBuilder out = null;
    int from = 0;
    for (int i = 0; i + name.length() <= text.length(); ) {
      if (text.regionMatches(true, i, name, 0, name.length())) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, from, i).append(placeholder);
        i += name.length();
        from = i;
      } else {
        i++;
      }
    }
    return out == null ? text : out.append(text, from, text.length()).toString();
  }
}
