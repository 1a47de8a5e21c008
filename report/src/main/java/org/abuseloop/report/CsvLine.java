package org.abuseloop.report;

import java.util.List;

/**
 * One CSV record as RFC 4180 writes it: fields joined by commas, a field quoted (its quotes doubled)
 * when it holds a comma, a quote, a line break, a semicolon or a tab, the record ending in CRLF. A field
 * a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a carriage return) gets
 * a leading apostrophe and is quoted, as OWASP's CSV-injection advice says, so that text an attacker or a
 * detection rule put in a comment stays text when the desk opens the file. The semicolon and the tab are
 * quoted because spreadsheets in many locales split on them, which would start a new cell mid-field.
 * Written by hand: this is all the quoting the CSV formats need, and CSV libraries do not neutralise
 * formulas. Stateless and thread-safe.
 */
final class CsvLine {

  private CsvLine() {}

  static String of(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(field(fields.get(i)));
    }
    return b.append("\r\n").toString();
  }

  static String field(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    boolean formula = "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    String text = formula ? "'" + s : s;
    boolean quote = formula || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';'
        || c == '\t');
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
