package org.abuseloop.logs.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fail2ban's annotated sample logs as its test harness does: a {@code # failJSON: {...}} line
 * describes the next log line; {@code # filterOptions:} and {@code # fileOptions:} set
 * {@code test.prefix-line} (prepended to the following lines) and {@code logtype} (journal lines carry
 * no timestamp, so the harness gives them a fixed syslog date whose value no case checks), and list the
 * filter runs (mode and condition) the following lines are tested under. The expected host is
 * {@code host}, else {@code ip4} or {@code ip6}.
 */
public final class Fail2banSamples {

  /** The date put before journal lines, which have none of their own. */
  static final String JOURNAL_DATE = "Jan  1 00:00:00 ";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Fail2banSamples() {}

  public static List<Fail2banSample> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Fail2banSample> out = new ArrayList<>();
    Options fileOptions = new Options("", false, List.of(new Fail2banSample.Run("normal", null)));
    Options options = fileOptions;
    JsonNode pending = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# fileOptions:")) {
        fileOptions = fileOptions.with(JSON.readTree(line.substring("# fileOptions:".length())), true);
        options = fileOptions;
      } else if (line.startsWith("# filterOptions:")) {
        options = fileOptions.with(JSON.readTree(line.substring("# filterOptions:".length())), false);
      } else if (line.startsWith("# failJSON:")) {
        pending = JSON.readTree(line.substring("# failJSON:".length()));
      } else if (pending != null && !line.startsWith("#") && !line.isBlank()) {
        out.add(sample(file, i + 1, options, line, pending));
        pending = null;
      }
    }
    return out;
  }

  private static Fail2banSample sample(Path file, int lineNo, Options options, String line, JsonNode json) {
    String text = options.prefix + line;
    if (options.journal) {
      text = JOURNAL_DATE + text;
    }
    LocalDateTime time = json.hasNonNull("time") ? LocalDateTime.parse(json.get("time").asText().substring(0, 19)) : null;
    String host = null;
    for (String key : List.of("host", "ip4", "ip6")) {
      host = host == null && json.hasNonNull(key) ? json.get(key).asText() : host;
    }
    String constraint = json.hasNonNull("constraint") ? json.get("constraint").asText() : null;
    return new Fail2banSample(file.getFileName().toString(), lineNo, text, json.path("match").asBoolean(), host, time,
        options.runs, constraint);
  }

  /**
   * The harness options that change what a line looks like, and the filter runs: one per option set
   * of a {@code filterOptions} array, each with its {@code mode} and {@code test.condition} (a file's
   * own condition applies to every run).
   */
  private record Options(String prefix, boolean journal, List<Fail2banSample.Run> runs) {

    Options with(JsonNode node, boolean fileLevel) {
      Options o = this;
      List<Fail2banSample.Run> runs = new ArrayList<>();
      String fileCondition = fileLevel ? null : runs().get(0).condition();
      for (JsonNode set : node.isArray() ? node : List.of(node)) {
        if (set.has("test.prefix-line")) {
          o = new Options(set.get("test.prefix-line").asText(), o.journal, o.runs);
        }
        if (set.has("logtype")) {
          o = new Options(o.prefix, "journal".equals(set.get("logtype").asText()), o.runs);
        }
        String condition = set.hasNonNull("test.condition") ? set.get("test.condition").asText() : null;
        runs.add(new Fail2banSample.Run(set.path("mode").asText("normal"), both(fileCondition, condition)));
      }
      return new Options(o.prefix, o.journal, runs.isEmpty() ? o.runs : List.copyOf(runs));
    }

    private static String both(String a, String b) {
      return a == null ? b : b == null ? a : a + " and " + b;
    }
  }
}
