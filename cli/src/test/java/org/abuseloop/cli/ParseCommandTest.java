package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

  @TempDir
  Path dir;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void aMissingFileIsOneLineNamingItAndExitCodeTwo() {
    Path missing = dir.resolve("nope.log");
    CommandRun r = run("parse", "--format", "summary", missing.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("abuseloop: " + missing + ": no such file");
  }

  @Test
  void anUnknownServiceIsAUsageError() throws IOException {
    Path log = Files.writeString(dir.resolve("a.log"), "x\n");
    CommandRun r = run("parse", "--service", "telnetd", log.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown service 'telnetd'");
  }

  @Test
  void summaryCountsLinesAndUnrecognisedLinesOfPlainAndGzipFiles() throws IOException {
    String text = "hello\nworld\n\u0000\u00ff\u00fe\r\n";
    Path plain = Files.writeString(dir.resolve("plain.log"), text, StandardCharsets.ISO_8859_1);
    Path gz = dir.resolve("zipped.log.gz");
    try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(gz))) {
      z.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
    CommandRun r = run("parse", "--format", "summary", plain.toString(), gz.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("lines read:       6 (2 files)").contains("not recognised:   6");
  }

  @Test
  void jsonlWritesNothingForLinesThatAreNotEvents() throws IOException {
    Path log = Files.writeString(dir.resolve("noise.log"), "Jun 12 15:13:54 srv cron[1]: (root) CMD (true)\n");
    CommandRun r = run("parse", "--format", "jsonl", log.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEmpty();
  }
}
