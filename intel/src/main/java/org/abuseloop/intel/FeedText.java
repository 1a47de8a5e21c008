package org.abuseloop.intel;

/**
 * Small text rules shared by the feed readers: how to quote untrusted feed text in an error, and
 * how several service names become one. Stateless and thread-safe.
 */
final class FeedText {

  private static final int EXCERPT = 80;

  private FeedText() {}

  /** The text cut to a readable length, with control characters shown as {@code ?}. */
  static String excerpt(String text) {
    String cut = text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
    StringBuilder sb = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return sb.toString();
  }

  /** Distinct non-blank names, sorted and joined by {@code ,}; null when there are none. */
  static String joinServices(Iterable<String> names) {
    java.util.TreeSet<String> set = new java.util.TreeSet<>();
    for (String n : names) {
      if (n != null && !n.isBlank()) {
        for (String part : n.split(",")) {
          if (!part.isBlank()) {
            set.add(part.strip());
          }
        }
      }
    }
    return set.isEmpty() ? null : String.join(",", set);
  }
}
