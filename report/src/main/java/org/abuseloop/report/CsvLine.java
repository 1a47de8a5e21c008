package org.abuseloop.report;

import java.util.List;

/**
 * One CSV record as RFC 4180 writes it: fields joined by commas, a field quoted (its quotes doubled)
 * when it holds a comma, a quote or a line break, the record ending in CRLF. Written by hand: this is
 * all the quoting the two CSV formats need, and a CSV library would be a dependency for four lines.
 * Stateless and thread-safe.
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

  private static String field(String s) {
    if (s == null) {
      return "";
    }
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
