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
 * no timestamp, so the harness gives them a fixed syslog date whose value no case checks).
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
    Options fileOptions = new Options("", false, List.of(""));
    Options options = fileOptions;
    JsonNode pending = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher directive = DIRECTIVE.matcher(line);
      if (directive.matches()) {
        JsonNode node = JSON.readTree(directive.group(2));
        switch (directive.group(1)) {
          case "fileOptions" -> {
            fileOptions = fileOptions.with(node);
            options = fileOptions;
          }
          case "filterOptions" -> options = fileOptions.with(node).withModes(node);
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
    String host = json.hasNonNull("host") ? json.get("host").asText() : null;
    return new Fail2banSample(file.getFileName().toString(), lineNo, text, json.path("match").asBoolean(), host, time,
        options.modes);
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

  /** The harness options that change what a line looks like, and the filter modes a section tests. */
  private record Options(String prefix, boolean journal, List<String> modes) {

    Options with(JsonNode node) {
      Options o = this;
      for (JsonNode set : node.isArray() ? node : List.of(node)) {
        if (set.has("test.prefix-line")) {
          o = new Options(set.get("test.prefix-line").asText(), o.journal, o.modes);
        }
        if (set.has("logtype")) {
          o = new Options(o.prefix, "journal".equals(set.get("logtype").asText()), o.modes);
        }
      }
      return o;
    }

    /** Each option set of a {@code filterOptions} line names one mode, or the default mode ({@code ""}). */
    Options withModes(JsonNode node) {
      List<String> modes = new ArrayList<>();
      for (JsonNode set : node.isArray() ? node : List.of(node)) {
        modes.add(set.path("mode").asText(""));
      }
      return new Options(prefix, journal, List.copyOf(modes));
    }
  }
}
