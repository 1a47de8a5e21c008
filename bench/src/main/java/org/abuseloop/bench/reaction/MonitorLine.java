package org.abuseloop.bench.reaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One element event printed by {@code nft monitor}, e.g. {@code add element inet t ban4 { 198.51.100.7
 * timeout 10m expires 9m59s996ms }}: the verb, the table's family and name, the set and the elements
 * (address, prefix or range, without their timeout). Immutable and thread-safe.
 *
 * @param verb {@code add} or {@code delete}
 * @param family the table family, e.g. {@code inet}
 * @param table the table name
 * @param set the set name
 * @param elements each element's key as nft printed it ({@code 192.0.2.1}, {@code 192.0.2.0/24}, ...)
 */
public record MonitorLine(String verb, String family, String table, String set, List<String> elements) {

  public MonitorLine {
    elements = List.copyOf(elements);
  }

  /**
   * The element event on {@code line}, or empty for any other line (rules, sets, errors, blank lines).
   * nft 1.0.6 prints one element per line, but a line with several ({@code { a, b timeout 1m }}) is
   * read too. Hand-written: a fixed layout of space-separated words, not worth a grammar.
   */
  public static Optional<MonitorLine> parse(String line) {
    int open = line.indexOf(" { ");
    int close = line.lastIndexOf(" }");
    if (open < 0 || close < open) {
      return Optional.empty();
    }
    String[] head = line.substring(0, open).strip().split(" +");
    if (head.length != 5 || !head[1].equals("element") || !(head[0].equals("add") || head[0].equals("delete"))) {
      return Optional.empty();
    }
    List<String> keys = new ArrayList<>();
    for (String item : line.substring(open + 3, close).split(",")) {
      String s = item.strip();
      int space = s.indexOf(' ');
      String key = space < 0 ? s : s.substring(0, space);
      if (!key.isEmpty()) {
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MonitorLine(head[0], head[2], head[3], head[4], keys));
  }

  /** True for an element added to a set. */
  public boolean isAdd() {
    return verb.equals("add");
  }
}
