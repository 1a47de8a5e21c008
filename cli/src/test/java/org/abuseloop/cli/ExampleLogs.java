package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's example logs ({@code examples/logs}) copied into a folder with a fixed modification
 * time, so that syslog dates without a year read as 2025 wherever and whenever the tests run; and the
 * arguments of a preview run over them. Thread-safe: static methods.
 */
final class ExampleLogs {

  static final Path EXAMPLES = Path.of("..", "examples");
  static final Instant MODIFIED = Instant.parse("2025-12-31T00:00:00Z");
  static final String NOW = "2026-01-02T03:04:05Z";

  private ExampleLogs() {}

  /** Copies the example logs into {@code dir} and returns the copies, by name. */
  static List<Path> copyInto(Path dir) throws IOException {
    List<Path> copies = new ArrayList<>();
    try (Stream<Path> logs = Files.list(EXAMPLES.resolve("logs"))) {
      for (Path log : logs.sorted().toList()) {
        Path copy = Files.copy(log, dir.resolve(log.getFileName()));
        Files.setLastModifiedTime(copy, FileTime.from(MODIFIED));
        copies.add(copy);
      }
    }
    return copies;
  }

  /** The arguments of {@code report --preview} in {@code format} over {@code logs} into {@code out}. */
  static List<String> preview(String format, Path out, List<Path> logs, String... more) {
    List<String> args = new ArrayList<>(List.of("report", "--preview", "--format", format, "--out", out.toString(),
        "--zone", "UTC", "--ranges", EXAMPLES.resolve("ranges").toString(), "--reporter-org", "Example Telephony Ltd",
        "--reporter-contact", "abuse@example.net", "--reporter-domain", "example.net", "--destination", "192.0.2.25",
        "--now", NOW));
    args.addAll(List.of(more));
    logs.forEach(l -> args.add(l.toString()));
    return args;
  }
}
