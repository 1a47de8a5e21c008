package org.abuseloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.logs.conformance.NetNamespace;

/**
 * What abuseloop's nftables table holds at one moment, read from {@code nft -j list table inet NAME}:
 * the addresses in its IPv4 ban set and the packets its drop rules on that set have counted. Found by
 * what the rules do (match {@code @ban4}, count, drop), not by assuming a counter's name. Immutable.
 *
 * @param banned the elements of the {@code ban4} set
 * @param dropped packets counted by the rules that drop sources found in {@code ban4}
 * @param dropRules how many such rules there are
 */
record BanTable(List<String> banned, long dropped, int dropRules) {

  static final String BAN_SET = "@ban4";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads table {@code table} (family inet) in {@code ns}; throws when it does not exist. */
  static BanTable read(NetNamespace ns, String table) {
    return parse(ns.exec("nft", "-j", "list", "table", "inet", table));
  }

  /** True once the table exists in {@code ns}. */
  static boolean exists(NetNamespace ns, String table) {
    try {
      read(ns, table);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  static BanTable parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json).path("nftables");
    } catch (IOException e) {
      throw new UncheckedIOException("nft printed no JSON: " + json, e);
    }
    Map<String, Long> counters = new HashMap<>();
    List<String> banned = new ArrayList<>();
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode item : root) {
      if (item.has("counter")) {
        counters.put(item.get("counter").path("name").asText(), item.get("counter").path("packets").asLong());
      } else if (item.has("set") && ("@" + item.get("set").path("name").asText()).equals(BAN_SET)) {
        item.get("set").path("elem").forEach(e -> banned.add(element(e)));
      } else if (item.has("rule")) {
        rules.add(item.get("rule").path("expr"));
      }
    }
    long dropped = 0;
    int dropRules = 0;
    for (JsonNode expr : rules) {
      if (dropsBanned(expr)) {
        dropRules++;
        dropped += counted(expr, counters);
      }
    }
    return new BanTable(List.copyOf(banned), dropped, dropRules);
  }

  /** An element is a plain value or {@code {"elem": {"val": ..., "timeout": ...}}}. */
  private static String element(JsonNode e) {
    return e.isTextual() ? e.asText() : e.path("elem").path("val").asText(e.toString());
  }

  private static boolean dropsBanned(JsonNode expr) {
    boolean matches = false;
    boolean drops = false;
    for (JsonNode statement : expr) {
      matches |= BAN_SET.equals(statement.path("match").path("right").asText());
      drops |= statement.has("drop");
    }
    return matches && drops;
  }

  /** A rule counts in a named counter ({@code "counter": "banned"}) or its own ({@code {"packets": n}}). */
  private static long counted(JsonNode expr, Map<String, Long> counters) {
    for (JsonNode statement : expr) {
      JsonNode c = statement.get("counter");
      if (c != null) {
        return c.isTextual() ? counters.getOrDefault(c.asText(), 0L) : c.path("packets").asLong();
      }
    }
    return 0;
  }
}
