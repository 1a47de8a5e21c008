package org.abuseloop.logs.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One CrowdSec hub test folder: its log lines, and from {@code parser.assert} which lines the hub's
 * s01 parser parsed and the {@code source_ip} it found. Lines are indexed as the hub indexes its
 * results, in file order.
 */
public record CrowdsecHubTest(String name, List<String> lines, Map<Integer, Expectation> parsed) {

  /** What the hub's parser made of line {@code index}: success and the source address (or null). */
  public record Expectation(boolean success, String sourceIp) {}

  private static final Pattern SUCCESS =
      Pattern.compile("^results\\[\"s01-parse\"\\]\\[\"[^\"]+\"\\]\\[(\\d+)\\]\\.Success == (true|false)");
  private static final Pattern SOURCE =
      Pattern.compile("^results\\[\"s01-parse\"\\]\\[\"[^\"]+\"\\]\\[(\\d+)\\]\\.Evt\\.Meta\\[\"source_ip\"\\] == \"([^\"]*)\"");
  private static final Pattern LOG_FILE = Pattern.compile("(?m)^log_file:\\s*(\\S+)");

  public static CrowdsecHubTest read(Path dir) throws IOException {
    String config = Files.readString(dir.resolve("config.yaml"));
    Matcher m = LOG_FILE.matcher(config);
    if (!m.find()) {
      throw new IOException(dir + "/config.yaml: no log_file");
    }
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve(m.group(1)), StandardCharsets.UTF_8)) {
      if (!l.isBlank()) {
        lines.add(l);
      }
    }
    Map<Integer, Expectation> parsed = new TreeMap<>();
    Path asserts = dir.resolve("parser.assert");
    if (Files.exists(asserts)) {
      Map<Integer, Boolean> success = new TreeMap<>();
      Map<Integer, String> source = new TreeMap<>();
      for (String l : Files.readAllLines(asserts, StandardCharsets.UTF_8)) {
        Matcher s = SUCCESS.matcher(l);
        if (s.find()) {
          success.put(Integer.parseInt(s.group(1)), Boolean.parseBoolean(s.group(2)));
        }
        Matcher src = SOURCE.matcher(l);
        if (src.find()) {
          source.put(Integer.parseInt(src.group(1)), src.group(2));
        }
      }
      success.forEach((i, ok) -> parsed.put(i, new Expectation(ok, source.get(i))));
    }
    return new CrowdsecHubTest(dir.getFileName().toString(), lines, parsed);
  }
}
