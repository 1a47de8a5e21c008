package org.abuseloop.logs.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.logs.TestLogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal source against a fake {@code journalctl}: a real child process (a shell script the test
 * writes) that records its arguments, honours {@code --after-cursor} and then follows a file of JSON
 * entries written here, the way {@code journalctl -f -o json} prints them.
 */
class JournalSourceTest {

  /** 2024-06-30T10:00:01Z in microseconds, as journalctl writes timestamps (JSON strings). */
  private static final long T0 = 1_719_741_601_000_000L;

  @TempDir Path dir;
  private Path script;
  private Path entries;

  @BeforeEach
  void writeFakeJournalctl() throws IOException {
    entries = dir.resolve("entries.json");
    Files.createFile(entries);
    script = dir.resolve("journalctl");
    Files.writeString(script, String.join("\n",
        "#!/bin/sh",
        "# A stand-in for journalctl -f -o json: prints the entries after --after-cursor, then follows.",
        "here=$(dirname \"$0\")",
        "printf '%s\\n' \"$@\" > \"$here/args\"",
        "after=",
        "while [ $# -gt 0 ]; do",
        "  case \"$1\" in --after-cursor) after=\"$2\"; shift 2 ;; *) shift ;; esac",
        "done",
        "start=1",
        "if [ -n \"$after\" ]; then",
        "  n=$(grep -n -F \"\\\"__CURSOR\\\":\\\"$after\\\"\" \"$here/entries.json\" | head -n 1 | cut -d: -f1)",
        "  if [ -z \"$n\" ]; then echo 'Failed to seek to cursor: Invalid argument' >&2; exit 1; fi",
        "  start=$((n + 1))",
        "fi",
        "exec tail -n +$start -f \"$here/entries.json\"",
        ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void entry(String json) throws IOException {
    Files.writeString(entries, json + "\n", UTF_8, StandardOpenOption.APPEND);
  }

  private LogSource journal(Position start, String... args) {
    return LogSources.journal(script, List.of(args), start);
  }

  private List<String> recordedArgs() throws IOException {
    return Files.readAllLines(dir.resolve("args"));
  }

  @Test
  void formatsEachEntryAsASyslogLineThatTheParsersRead() throws Exception {
    entry("{\"__CURSOR\":\"s=ab;i=1\",\"__REALTIME_TIMESTAMP\":\"" + (T0 + 999) + "\",\"_SOURCE_REALTIME_TIMESTAMP\":\"" + T0
        + "\",\"_HOSTNAME\":\"gate\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"_PID\":\"812\","
        + "\"MESSAGE\":\"Failed password for root from 203.0.113.7 port 2222 ssh2\"}");
    try (Collector.Running r = Collector.Running.start(journal(null, "-u", "ssh.service"))) {
      assertThat(r.collector.awaitLines(1)).containsExactly(
          "2024-06-30T10:00:01.000000+00:00 gate sshd[812]: Failed password for root from 203.0.113.7 port 2222 ssh2");
      SourceLine line = r.collector.lines().get(0);
      assertThat(line.after()).isEqualTo(Position.journal("s=ab;i=1", 1));
      assertThat(line.source()).isEqualTo("journal");
      Event e = TestLogs.one(Instant.parse("2024-07-01T00:00:00Z"), line.text());
      assertThat(e.source().toString()).isEqualTo("203.0.113.7");
      assertThat(e.time()).isEqualTo(Instant.parse("2024-06-30T10:00:01Z"));
      assertThat(recordedArgs()).containsExactly("-f", "-o", "json", "-u", "ssh.service");
    }
  }

  @Test
  void readsAMessageGivenAsAnArrayOfBytesAndKeepsAnEntryOnOneLine() throws Exception {
    // "bad \xff\x00 byte" as journalctl encodes a message that is not valid UTF-8.
    entry("{\"__CURSOR\":\"c1\",\"__REALTIME_TIMESTAMP\":\"" + (T0 + 500_000) + "\",\"_HOSTNAME\":\"gate\",\"_COMM\":\"app\","
        + "\"MESSAGE\":[98,97,100,32,255,0,32,98,121,116,101]}");
    entry("{\"__CURSOR\":\"c2\",\"__REALTIME_TIMESTAMP\":\"" + T0 + "\",\"SYSLOG_IDENTIFIER\":\"two words\",\"MESSAGE\":\"first\\nsecond\"}");
    try (Collector.Running r = Collector.Running.start(journal(null))) {
      r.collector.awaitLines(2);
      byte[] expected = "2024-06-30T10:00:01.500000+00:00 gate app: bad \u00ff\u0000 byte".getBytes(UTF_8);
      assertThat(r.collector.lines().get(0).bytes()).isEqualTo(replaceUtf8Char(expected));
      assertThat(r.collector.texts().get(1)).isEqualTo("2024-06-30T10:00:01.000000+00:00 localhost two_words: first second");
    }
  }

  /** The test's expected bytes with the UTF-8 encoding of U+00FF turned back into the single byte 0xff. */
  private static byte[] replaceUtf8Char(byte[] b) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < b.length; i++) {
      if ((b[i] & 0xff) == 0xc3 && (b[i + 1] & 0xff) == 0xbf) {
        out.write(0xff);
        i++;
      } else {
        out.write(b[i]);
      }
    }
    return out.toByteArray();
  }

  @Test
  void followsNewEntriesAndResumesAfterTheSavedCursor() throws Exception {
    entry(message("k1", "one"));
    entry("{\"__CURSOR\":\"k2\",\"__REALTIME_TIMESTAMP\":\"" + T0 + "\"}"); // no MESSAGE: skipped, but the cursor moves
    Position saved;
    try (Collector.Running r = Collector.Running.start(journal(null))) {
      r.collector.awaitLines(1);
      saved = r.collector.awaitBatch(p -> p.cursor().equals("k2"));
      assertThat(saved.lineNumber()).isEqualTo(1);
      entry(message("k3", "two"));
      r.collector.awaitLines(2);
      saved = r.collector.awaitBatch(p -> p.cursor().equals("k3"));
    }
    entry(message("k4", "three"));
    entry(message("k5", "four"));
    try (Collector.Running r = Collector.Running.start(journal(Position.parse(saved.toText()), "-t", "sshd"))) {
      assertThat(r.collector.awaitLines(2)).extracting(t -> t.substring(t.indexOf(": ") + 2)).containsExactly("three", "four");
      assertThat(r.collector.lines()).extracting(SourceLine::lineNumber).containsExactly(3L, 4L);
      assertThat(recordedArgs()).containsExactly("-f", "-o", "json", "--after-cursor", "k3", "-t", "sshd");
    }
  }

  @Test
  void aJournalctlThatExitsByItselfFailsRunWithItsError() {
    LogSource bad = journal(Position.journal("no-such-cursor", 0));
    assertThatThrownBy(() -> bad.run(new Collector())).isInstanceOf(IOException.class)
        .hasMessageContaining("status 1").hasMessageContaining("Failed to seek to cursor");
  }

  @Test
  void rejectsAPositionOfAnotherKind() {
    assertThatThrownBy(() -> journal(Position.stream(0, 0))).isInstanceOf(IllegalArgumentException.class);
  }

  private static String message(String cursor, String text) {
    return "{\"__CURSOR\":\"" + cursor + "\",\"__REALTIME_TIMESTAMP\":\"" + T0 + "\",\"_HOSTNAME\":\"h\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":\"" + text + "\"}";
  }
}
