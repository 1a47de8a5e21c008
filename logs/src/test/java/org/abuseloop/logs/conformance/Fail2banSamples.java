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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  /** fail2ban's harness reads {@code #+ ?(failJSON|fileOptions|filterOptions):}, so {@code #failJSON:} counts too. */
  private static final Pattern DIRECTIVE = Pattern.compile("^#+ ?(failJSON|fileOptions|filterOptions):(.+)$");
  private static final Pattern TIME = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})T(\\d{1,2}):(\\d{2}):(\\d{2})");

  private Fail2banSamples() {}

  public static List<Fail2banSample> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Fail2banSample> out = new ArrayList<>();
    Options fileOptions = new Options("", false, List.of(new Fail2banSample.Run("", null)));
    Options options = fileOptions;
    JsonNode pending = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher directive = DIRECTIVE.matcher(line);
      if (directive.matches()) {
        JsonNode node = JSON.readTree(directive.group(2));
        switch (directive.group(1)) {
          case "fileOptions" -> {
            fileOptions = fileOptions.with(node).withRuns(node, null);
            options = fileOptions;
          }
          case "filterOptions" -> options = fileOptions.with(node).withRuns(node, fileOptions.runs.get(0).condition());
          default -> pending = node;
        }
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
    LocalDateTime time = json.hasNonNull("time") ? time(json.get("time").asText()) : null;
    String host = null;
    for (String key : List.of("host", "ip4", "ip6")) {
      host = host == null && json.hasNonNull(key) ? json.get(key).asText() : host;
    }
    String constraint = json.hasNonNull("constraint") ? json.get("constraint").asText() : null;
    return new Fail2banSample(file.getFileName().toString(), lineNo, text, json.path("match").asBoolean(), host, time,
        options.runs, constraint);
  }

  /** fail2ban's own reading: {@code 2005-03-7T02:09:33} (an unpadded day) and fractions occur. */
  private static LocalDateTime time(String text) {
    Matcher m = TIME.matcher(text);
    if (!m.lookingAt()) {
      throw new IllegalArgumentException("unreadable fail2ban time: " + text);
    }
    return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
  }

  /**
   * The harness options that change what a line looks like, and the filter runs a section tests: one
   * per option set, each with its {@code mode} and {@code test.condition} (a file's own condition
   * applies to every run).
   */
  private record Options(String prefix, boolean journal, List<Fail2banSample.Run> runs) {

    Options with(JsonNode node) {
      Options o = this;
      for (JsonNode set : node.isArray() ? node : List.of(node)) {
        if (set.has("test.prefix-line")) {
          o = new Options(set.get("test.prefix-line").asText(), o.journal, o.runs);
        }
        if (set.has("logtype")) {
          o = new Options(o.prefix, "journal".equals(set.get("logtype").asText()), o.runs);
        }
      }
      return o;
    }

    /** Each option set names one run: its mode (or the default mode, {@code ""}) and its condition. */
    Options withRuns(JsonNode node, String fileCondition) {
      List<Fail2banSample.Run> runs = new ArrayList<>();
      for (JsonNode set : node.isArray() ? node : List.of(node)) {
        String condition = set.hasNonNull("test.condition") ? set.get("test.condition").asText() : null;
        runs.add(new Fail2banSample.Run(set.path("mode").asText(""), both(fileCondition, condition)));
      }
      return new Options(prefix, journal, List.copyOf(runs));
    }

    private static String both(String a, String b) {
      return a == null ? b : b == null ? a : a + " and " + b;
    }
  }
}
