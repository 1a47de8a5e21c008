package org.abuseloop.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.abuseloop.detect.RawConfig.RawMatch;
import org.abuseloop.detect.RawConfig.RawPrefix;
import org.abuseloop.detect.RawConfig.RawScenario;
import org.abuseloop.detect.RawConfig.RawSettings;

/**
 * Binds the bundled {@code default-scenarios.yaml} into a {@link RawConfig} without Jackson and SnakeYAML:
 * starting those two costs about 0.5 s of CPU, most of what {@code analyze} spends before its first line,
 * for a document that is always the same. {@link #read} is thread-safe: each call reads with an
 * instance of its own, which is not.
 *
 * <p>Written by hand because it reads only the plain subset of YAML that file uses (block mappings and
 * sequences, {@code [a, b]} and {@code {k: v}} of plain scalars, {@code >-} folded text, whole-line
 * comments) and only values whose YAML reading is beyond doubt (decimal integers without leading zero,
 * {@code true}/{@code false}, words and durations like {@code 10m}); anything else, an unknown or
 * repeated key included, gives null and the caller binds the text with Jackson, which reports problems.
 * A test checks that both readings of the bundled file are equal.
 */
final class PlainYaml {

  /** Words YAML 1.1 reads as booleans or null, which a plain text value must not be. */
  private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

  private final String[] lines;
  private int at;

  private PlainYaml(String text) {
    this.lines = text.split("\n", -1);
  }

  /** The document bound as Jackson would bind it, or null when it leaves the subset. */
  static RawConfig read(String text) {
    if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0) {
      return null;
    }
    try {
      PlainYaml y = new PlainYaml(text);
      Object tree = y.block(0);
      if (y.next() >= 0) {
        return null;
      }
      return config(tree);
    } catch (Outside e) {
      return null;
    }
  }

  /** The text leaves the subset: thrown inside, turned into null by {@link #read}. */
  private static final class Outside extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Outside() {
      super(null, null, false, false);
    }
  }

  // ---- the tree: Map (keys in order), List, String (a plain scalar) ----

  /** The index of the next line with content (not blank, not a comment), or -1 at the end. */
  private int next() {
    while (at < lines.length) {
      String l = lines[at].strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        return at;
      }
      at++;
    }
    return -1;
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** The block starting at the next line, which must be indented by at least {@code min}. */
  private Object block(int min) {
    int n = next();
    if (n < 0 || indent(lines[n]) < min) {
      throw new Outside();
    }
    int indent = indent(lines[n]);
    return lines[n].startsWith("- ", indent) ? sequence(indent) : mapping(indent, lines[n].substring(indent));
  }

  /** A block mapping at {@code indent}; {@code first} is its first line's content. */
  private Map<String, Object> mapping(int indent, String first) {
    Map<String, Object> map = new LinkedHashMap<>();
    String content = first;
    while (true) {
      at++;
      entry(map, indent, content);
      int n = next();
      if (n < 0 || indent(lines[n]) < indent) {
        return map;
      }
      if (indent(lines[n]) > indent || lines[n].startsWith("- ", indent)) {
        throw new Outside();
      }
      content = lines[n].substring(indent);
    }
  }

  /** One {@code key: value} line (the line already consumed) and the block or folded text below it. */
  private void entry(Map<String, Object> map, int indent, String content) {
    int colon = content.indexOf(':');
    if (colon <= 0 || (colon + 1 < content.length() && content.charAt(colon + 1) != ' ')) {
      throw new Outside();
    }
    String key = word(content.substring(0, colon));
    String rest = content.substring(colon + 1).strip();
    Object value;
    if (rest.isEmpty()) {
      value = block(indent + 1);
    } else if (rest.equals(">-")) {
      value = folded(indent + 1);
    } else {
      value = flow(rest);
    }
    if (map.put(key, value) != null) {
      throw new Outside();
    }
  }

  /** A block sequence of mappings at {@code indent} ({@code - key: value} items). */
  private List<Object> sequence(int indent) {
    List<Object> list = new ArrayList<>();
    while (true) {
      String item = lines[at].substring(indent + 2);
      if (item.isBlank() || item.charAt(0) == ' ') {
        throw new Outside();
      }
      list.add(mapping(indent + 2, item));
      int n = next();
      if (n < 0 || indent(lines[n]) < indent) {
        return list;
      }
      if (indent(lines[n]) > indent || !lines[n].startsWith("- ", indent)) {
        throw new Outside();
      }
    }
  }

  /** {@code >-} text: lines of one indentation joined by spaces, the last line break dropped. */
  private String folded(int min) {
    StringBuilder text = new StringBuilder();
    int indent = -1;
    while (at < lines.length) {
      String line = lines[at];
      if (line.isBlank()) {
        int n = next();
        if (n >= 0 && indent(lines[n]) >= Math.max(min, indent)) {
          throw new Outside(); // a blank line inside the text keeps a line break: not in the subset
        }
        break;
      }
      int i = indent(line);
      if (indent < 0) {
        indent = i;
      }
      if (i < min || i < indent) {
        break;
      }
      if (i > indent || line.endsWith(" ")) {
        throw new Outside();
      }
      text.append(text.length() == 0 ? "" : " ").append(line, i, line.length());
      at++;
    }
    if (text.length() == 0) {
      throw new Outside();
    }
    return text.toString();
  }

  /** A value on the key's line: {@code [a, b]}, {@code {k: v}} or a plain scalar. */
  private static Object flow(String rest) {
    if (rest.startsWith("[") && rest.endsWith("]")) {
      List<Object> list = new ArrayList<>();
      for (String part : parts(rest)) {
        list.add(scalar(part));
      }
      return list;
    }
    if (rest.startsWith("{") && rest.endsWith("}")) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (String part : parts(rest)) {
        int colon = part.indexOf(": ");
        if (colon <= 0 || map.put(word(part.substring(0, colon)), scalar(part.substring(colon + 2))) != null) {
          throw new Outside();
        }
      }
      return map;
    }
    return scalar(rest);
  }

  /** The comma-separated parts inside brackets; none for {@code []} or {@code {}}. */
  private static List<String> parts(String bracketed) {
    String inner = bracketed.substring(1, bracketed.length() - 1).strip();
    List<String> out = new ArrayList<>();
    if (inner.isEmpty()) {
      return out;
    }
    for (String p : inner.split(",", -1)) {
      out.add(p.strip());
    }
    return out;
  }

  /**
   * A plain scalar whose YAML reading is beyond doubt: a word of letters, digits, {@code -_./} and
   * inner spaces starting with a letter (not a YAML 1.1 boolean or null), a decimal integer, or
   * digits followed by letters (a duration such as {@code 10m}).
   */
  private static String scalar(String s) {
    if (s.isEmpty() || !s.equals(s.strip())) {
      throw new Outside();
    }
    char c0 = s.charAt(0);
    boolean letters = false;
    boolean digits = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean digit = c >= '0' && c <= '9';
      if (!letter && !digit && c != '-' && c != '_' && c != '.' && c != '/' && c != ' ') {
        throw new Outside();
      }
      if (c == ' ' && s.charAt(i - 1) == ' ') {
        throw new Outside();
      }
      letters |= letter;
      digits &= digit;
    }
    if (c0 >= '0' && c0 <= '9') {
      if (digits ? !(s.equals("0") || c0 != '0') : !isDuration(s)) {
        throw new Outside();
      }
      return s;
    }
    if (!letters || !((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) {
      throw new Outside();
    }
    return s;
  }

  /** Digits then letters, nothing else (never a number, date or time in YAML 1.1). */
  private static boolean isDuration(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == s.length()) {
      return false;
    }
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  /** A key: letters, digits, {@code -} and {@code _}. */
  private static String word(String key) {
    if (key.isEmpty()) {
      throw new Outside();
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        throw new Outside();
      }
    }
    return key;
  }

  // ---- binding: the tree into RawConfig, only keys the records have ----

  private static RawConfig config(Object tree) {
    Map<String, Object> m = map(tree, Set.of("settings", "scenarios"));
    List<RawScenario> scenarios = null;
    if (m.containsKey("scenarios")) {
      scenarios = new ArrayList<>();
      for (Object s : list(m.get("scenarios"))) {
        scenarios.add(scenario(s));
      }
    }
    return new RawConfig(m.containsKey("settings") ? settings(m.get("settings")) : null, scenarios);
  }

  private static RawSettings settings(Object tree) {
    Map<String, Object> m = map(tree, Set.of("maxKeys", "evidence", "targets", "prefix", "allow",
        "includePrivate", "includeLoopback"));
    RawPrefix prefix = null;
    if (m.containsKey("prefix")) {
      Map<String, Object> p = map(m.get("prefix"), Set.of("ipv4", "ipv6"));
      prefix = new RawPrefix(integer(p.get("ipv4")), integer(p.get("ipv6")));
    }
    return new RawSettings(integer(m.get("maxKeys")), integer(m.get("evidence")), integer(m.get("targets")), prefix,
        strings(m.get("allow")), bool(m.get("includePrivate")), bool(m.get("includeLoopback")));
  }

  private static RawScenario scenario(Object tree) {
    Map<String, Object> m = map(tree, Set.of("id", "description", "enabled", "type", "match", "count", "window",
        "capacity", "leak", "distinct", "perTargetPort", "groupBy", "minSources"));
    RawMatch match = null;
    if (m.containsKey("match")) {
      Map<String, Object> x = map(m.get("match"), Set.of("services", "kinds", "families"));
      match = new RawMatch(strings(x.get("services")), strings(x.get("kinds")), strings(x.get("families")));
    }
    return new RawScenario(text(m.get("id")), text(m.get("description")), bool(m.get("enabled")), text(m.get("type")),
        match, integer(m.get("count")), text(m.get("window")), integer(m.get("capacity")), text(m.get("leak")),
        text(m.get("distinct")), bool(m.get("perTargetPort")), strings(m.get("groupBy")), integer(m.get("minSources")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object v, Set<String> keys) {
    if (!(v instanceof Map) || !keys.containsAll(((Map<String, Object>) v).keySet())) {
      throw new Outside();
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object v) {
    if (!(v instanceof List)) {
      throw new Outside();
    }
    return (List<Object>) v;
  }

  private static List<String> strings(Object v) {
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : list(v)) {
      out.add(text(o));
    }
    return out;
  }

  /** A text value: not a word that YAML reads as a boolean or null. */
  private static String text(Object v) {
    String s = scalarOrNull(v);
    if (s != null && RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
      throw new Outside();
    }
    return s;
  }

  private static String scalarOrNull(Object v) {
    if (v != null && !(v instanceof String)) {
      throw new Outside();
    }
    return (String) v;
  }

  private static Integer integer(Object v) {
    String s = scalarOrNull(v);
    if (s == null) {
      return null;
    }
    if (s.length() > 9) {
      throw new Outside();
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new Outside();
      }
    }
    return Integer.valueOf(s);
  }

  private static Boolean bool(Object v) {
    String s = scalarOrNull(v);
    if (s == null) {
      return null;
    }
    if (!s.equals("true") && !s.equals("false")) {
      throw new Outside();
    }
    return Boolean.valueOf(s);
  }
}
