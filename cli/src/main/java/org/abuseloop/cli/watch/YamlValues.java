package org.abuseloop.cli.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiConsumer;

/**
 * The value checks the configuration readers share ({@code watch:} and {@code report:} YAML): whether a
 * key is absent, how a wrong value is named in a problem, and bounded whole numbers. Stateless and
 * thread-safe; each problem goes to the reader's own {@code (path, message)} sink, which locates it.
 */
public final class YamlValues {

  private YamlValues() {}

  /** True when the key is missing or null (the reader then keeps its default). */
  public static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** How a problem names a value of the wrong kind: "a mapping", "a list", {@code 'text'} or the scalar. */
  public static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }

  /** The whole number at {@code at} within [min, max], null when absent, or null and a problem when not. */
  public static Integer integer(JsonNode node, String at, int min, int max, BiConsumer<String, String> problem) {
    if (absent(node)) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      problem.accept(at, "expected a whole number, got " + kind(node));
      return null;
    }
    int v = node.asInt();
    if (v < min || v > max) {
      problem.accept(at, "must be " + min + " to " + max + ", got " + v);
      return null;
    }
    return v;
  }
}
