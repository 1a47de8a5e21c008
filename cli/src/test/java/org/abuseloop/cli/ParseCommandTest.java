package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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

  @Test
  void plainArgumentsAreReadWithoutPicocliAsPicocliReadsThem() {
    List<String[]> plain = List.of(
        new String[] {"parse", "a.log"},
        new String[] {"parse", "--format", "summary", "a.log", "b.log.gz"},
        new String[] {"parse", "--format=jsonl", "--zone", "Europe/Paris", "a.log"},
        new String[] {"parse", "a.log", "--service", "sshd", "--zone=UTC", "dir/b.log"},
        new String[] {"parse", "--service=asterisk", "--format", "jsonl", "x"});
    for (String[] args : plain) {
      ParseCommand direct = ParseCommand.fromPlainArguments(args);
      CommandLine.ParseResult parsed = Main.commandLine(args).parseArgs(args);
      ParseCommand picocli = (ParseCommand) parsed.subcommand().commandSpec().userObject();
      assertThat(direct).as(String.join(" ", args)).isNotNull();
      assertThat(direct.format).as(String.join(" ", args)).isEqualTo(picocli.format);
      assertThat(direct.zone).as(String.join(" ", args)).isEqualTo(picocli.zone);
      assertThat(direct.service).as(String.join(" ", args)).isEqualTo(picocli.service);
      assertThat(direct.files).as(String.join(" ", args)).isEqualTo(picocli.files);
    }
  }

  @Test
  void anythingButPlainArgumentsIsLeftToPicocli() {
    List<String[]> others = List.of(
        new String[] {"parse"},
        new String[] {"parse", "--help"},
        new String[] {"parse", "-h", "a.log"},
        new String[] {"parse", "--version", "a.log"},
        new String[] {"parse", "--format", "SUMMARY", "a.log"},
        new String[] {"parse", "--format", "summary", "--format", "jsonl", "a.log"},
        new String[] {"parse", "--zone", "Not/AZone", "a.log"},
        new String[] {"parse", "--service", "telnetd", "a.log"},
        new String[] {"parse", "--format", "summary"},
        new String[] {"parse", "a.log", "--format"},
        new String[] {"parse", "--", "a.log"},
        new String[] {"parse", "-", "a.log"},
        new String[] {"parse", "@args.txt"},
        new String[] {"parse", "--threads", "2", "a.log"},
        new String[] {"analyze", "a.log"},
        new String[] {"--help"});
    for (String[] args : others) {
      assertThat(ParseCommand.fromPlainArguments(args)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void theRootBuildsOnlyTheSubcommandItRunsWithTheSameHelp() {
    CommandLine one = Main.commandLine("parse", "a.log");
    CommandLine all = Main.commandLine("--help");
    assertThat(one.getSubcommands()).containsOnlyKeys("parse");
    assertThat(all.getSubcommands()).containsKeys("parse", "analyze", "watch", "report").hasSizeGreaterThan(5);
    assertThat(one.getSubcommands().get("parse").getUsageMessage())
        .isEqualTo(all.getSubcommands().get("parse").getUsageMessage());
    assertThat(one.getCommandName()).isEqualTo(all.getCommandName());
  }

  @Test
  void versionAloneBuildsNoSubcommandAndPrintsTheSameLine() {
    assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
    CommandRun alone = run("--version");
    java.io.ByteArrayOutputStream full = new java.io.ByteArrayOutputStream();
    new CommandLine(new Main()).printVersionHelp(new java.io.PrintStream(full, true, StandardCharsets.UTF_8));
    assertThat(alone.exitCode()).isZero();
    assertThat(alone.out()).startsWith("abuseloop ").isEqualTo(full.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFailureOnThePlainPathIsTheSameLineAsThroughPicocli() {
    Path missing = dir.resolve("gone.log");
    CommandRun plain = run("parse", missing.toString());
    CommandRun picocli = run("parse", "--format", "SUMMARY", missing.toString());
    assertThat(plain.exitCode()).isEqualTo(picocli.exitCode()).isEqualTo(2);
    assertThat(plain.err()).isEqualTo(picocli.err());
  }
}
