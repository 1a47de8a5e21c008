package org.abuseloop.cli.watch;

/**
 * Writes {@code key=value} pairs in logfmt: a value with a space, quote, equals sign or control
 * character is quoted, with quotes, backslashes and line breaks escaped, so an attacker-controlled
 * value (a user name from a log line) can never start a second line or fake a key. Stateless and
 * thread-safe.
 */
final class Logfmt {

  private Logfmt() {}

  /** {@code k1=v1 k2=v2 ...} from alternating keys and values; a null value is written empty. */
  static String line(String... keysAndValues) {
    StringBuilder sb = new StringBuilder(96);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(keysAndValues[i]).append('=');
      value(sb, keysAndValues[i + 1]);
    }
    return sb.toString();
  }

  static void value(StringBuilder sb, String v) {
    if (v == null) {
      return;
    }
    if (!v.isEmpty() && !needsQuotes(v)) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f || c >= 0x80) {
        return true;
      }
    }
    return false;
  }
}
