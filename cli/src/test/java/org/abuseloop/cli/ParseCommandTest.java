package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {

  @TempDir
  Path dir;

  /** Runs the command with stdout and stderr captured. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void aMissingFileIsOneLineNamingItAndExitCodeTwo() {
    Path missing = dir.resolve("nope.log");
    Run r = run("parse", "--format", "summary", missing.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("abuseloop: " + missing + ": no such file");
  }

  @Test
  void anUnknownServiceIsAUsageError() throws IOException {
    Path log = Files.writeString(dir.resolve("a.log"), "x\n");
    Run r = run("parse", "--service", "telnetd", log.toString());
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
    Run r = run("parse", "--format", "summary", plain.toString(), gz.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("lines read:       6 (2 files)").contains("not recognised:   6");
  }

  @Test
  void jsonlWritesNothingForLinesThatAreNotEvents() throws IOException {
    Path log = Files.writeString(dir.resolve("noise.log"), "Jun 12 15:13:54 srv cron[1]: (root) CMD (true)\n");
    Run r = run("parse", "--format", "jsonl", log.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEmpty();
  }
}
