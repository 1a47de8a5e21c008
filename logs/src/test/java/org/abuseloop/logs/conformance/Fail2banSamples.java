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
 * no timestamp, so the harness gives them a fixed syslog date whose value no case checks).
 */
public final class Fail2banSamples {

  /** The date put before journal lines, which have none of their own. */
  static final String JOURNAL_DATE = "Jan  1 00:00:00 ";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Fail2banSamples() {}

  public static List<Fail2banSample> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Fail2banSample> out = new ArrayList<>();
    Options fileOptions = new Options("", false);
    Options options = fileOptions;
    JsonNode pending = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# fileOptions:")) {
        fileOptions = fileOptions.with(JSON.readTree(line.substring("# fileOptions:".length())));
        options = fileOptions;
      } else if (line.startsWith("# filterOptions:")) {
        options = fileOptions.with(JSON.readTree(line.substring("# filterOptions:".length())));
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
    String host = json.hasNonNull("host") ? json.get("host").asText() : null;
    return new Fail2banSample(file.getFileName().toString(), lineNo, text, json.path("match").asBoolean(), host, time);
  }

  /** The harness options that change what a line looks like. */
  private record Options(String prefix, boolean journal) {

    Options with(JsonNode node) {
      Options o = this;
      for (JsonNode set : node.isArray() ? node : List.of(node)) {
        if (set.has("test.prefix-line")) {
          o = new Options(set.get("test.prefix-line").asText(), o.journal);
        }
        if (set.has("logtype")) {
          o = new Options(o.prefix, "journal".equals(set.get("logtype").asText()));
        }
      }
      return o;
    }
  }
}
