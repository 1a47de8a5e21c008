package org.abuseloop.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Incident;
import org.abuseloop.logs.NamedGzipStream;

/**
 * The text of the log lines incidents quote, read back from the files by line number after the
 * analysis (events carry no raw text, to keep the hot path lean): only the few quoted lines are kept,
 * each cut at {@value #MAX_LINE} bytes and decoded as UTF-8 with invalid bytes replaced. Lines are
 * counted as the parser counts them (LF ends a line, a CR before it is dropped; gzip files are read
 * through, and a broken one fails as the parser's does, naming the file). Not thread-safe; used once per command.
 */
final class EvidenceLines {

  /** Longer lines are cut: a quoted line is an extract, not an archive. */
  static final int MAX_LINE = 2000;

  private final Map<String, Path> filesByName;

  /** @param filesByName the origin name each file was parsed under, and its path */
  EvidenceLines(Map<String, Path> filesByName) {
    this.filesByName = Map.copyOf(filesByName);
  }

  /** The incidents with the text of every evidence line that names a file read here. */
  List<Incident> fill(List<Incident> incidents) throws IOException {
    Map<String, Set<Long>> wanted = new HashMap<>();
    for (Incident i : incidents) {
      for (Evidence e : i.evidence()) {
        if (e.file() != null && e.line() > 0 && filesByName.containsKey(e.file())) {
          wanted.computeIfAbsent(e.file(), f -> new TreeSet<>()).add(e.line());
        }
      }
    }
    Map<String, Map<Long, String>> text = new HashMap<>();
    for (Map.Entry<String, Set<Long>> w : wanted.entrySet()) {
      text.put(w.getKey(), read(filesByName.get(w.getKey()), w.getValue()));
    }
    List<Incident> out = new ArrayList<>(incidents.size());
    for (Incident i : incidents) {
      out.add(withText(i, text));
    }
    return out;
  }

  private static Incident withText(Incident i, Map<String, Map<Long, String>> text) {
    List<Evidence> evidence = new ArrayList<>(i.evidence().size());
    for (Evidence e : i.evidence()) {
      String raw = e.file() == null ? null : text.getOrDefault(e.file(), Map.of()).get(e.line());
      evidence.add(raw == null ? e : e.withRaw(raw));
    }
    return new Incident(i.scenario(), i.scope(), i.source(), i.owner(), i.first(), i.last(), i.count(),
        i.ratePerMinute(), i.kinds(), i.addresses(), i.ports(), i.users(), i.sources(), evidence, i.offenses(),
        i.active());
  }

  /** The given lines of a file, by 1-based number. */
  static Map<Long, String> read(Path file, Set<Long> lines) throws IOException {
    Map<Long, String> found = new HashMap<>();
    long last = lines.stream().mapToLong(Long::longValue).max().orElse(0);
    try (InputStream in = open(file)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long number = 1;
      int b;
      while (number <= last && (b = in.read()) >= 0) {
        if (b == '\n') {
          keep(found, lines, number++, line);
        } else if (line.size() < MAX_LINE + 1) {
          line.write(b);
        }
      }
      if (number <= last && line.size() > 0) {
        keep(found, lines, number, line);
      }
    }
    return found;
  }

  private static void keep(Map<Long, String> found, Set<Long> lines, long number, ByteArrayOutputStream line) {
    if (lines.contains(number)) {
      byte[] bytes = line.toByteArray();
      int n = Math.min(bytes.length, MAX_LINE);
      if (n > 0 && n == bytes.length && bytes[n - 1] == '\r') {
        n--;
      }
      found.put(number, new String(bytes, 0, n, StandardCharsets.UTF_8));
    }
    line.reset();
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b ? new BufferedInputStream(NamedGzipStream.open(in, 1 << 16, file.toString()), 1 << 16)
        : in;
  }
}
