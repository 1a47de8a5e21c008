package org.abuseloop.logs.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads SSHGuard's {@code tests.txt}: cases of three lines (input; {@code service address family
 * score} or {@code *} for no attack; {@code M}), grouped in sections opened by {@code # name {{{}
 * and closed by {@code # }}}}. Each case records the innermost section it stands in.
 */
public final class SshguardCases {

  private SshguardCases() {}

  public static List<SshguardCase> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Deque<String> sections = new ArrayDeque<>();
    List<SshguardCase> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        section(line, sections);
        i++;
      } else if (line.isBlank()) {
        i++;
      } else if (i + 2 < lines.size() + 1 && i + 1 < lines.size()) {
        String expected = lines.get(i + 1).trim();
        String address = expected.equals("*") ? null : expected.split("\\s+")[1];
        out.add(new SshguardCase(sections.isEmpty() ? "" : sections.peek(), i + 1, line, address));
        i += 3;
      } else {
        i++;
      }
    }
    return out;
  }

  private static void section(String line, Deque<String> sections) {
    String body = line.replaceFirst("^#+\\s*", "").trim();
    if (body.endsWith("{{{")) {
      sections.push(body.substring(0, body.length() - 3).trim());
    } else if (body.equals("}}}") && !sections.isEmpty()) {
      sections.pop();
    }
  }
}
