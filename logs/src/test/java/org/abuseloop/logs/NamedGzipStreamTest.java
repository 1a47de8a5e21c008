package org.abuseloop.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.abuseloop.core.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken gzip log fails with an error that names the file; a whole one parses as before. */
class NamedGzipStreamTest {

  private static final String LINE =
      "Mar 11 10:00:00 host sshd[42]: Failed password for root from 198.51.100.7 port 50000 ssh2\n";

  @TempDir
  Path dir;

  @Test
  void aWholeGzipFileParses() throws IOException {
    Path file = write("ok.log.gz", gzip(LINE.repeat(3)));
    List<Event> events = new ArrayList<>();
    ParseStats stats = parser().parse(file, events::add);
    assertThat(stats.lines()).isEqualTo(3);
    assertThat(events).hasSize(3);
  }

  @Test
  void aHeaderThatIsNotGzipsNamesTheFile() throws IOException {
    Path file = write("bad.log.gz", new byte[] {0x1f, (byte) 0x8b, 0x09, 0, 0, 0, 0, 0, 0, 0});
    assertThatThrownBy(() -> parser().parse(file, e -> { }))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + ": not a readable gzip file (");
  }

  @Test
  void aTruncatedGzipFileNamesTheFile() throws IOException {
    byte[] whole = gzip(LINE.repeat(2000));
    Path file = write("cut.log.gz", Arrays.copyOf(whole, whole.length - 30));
    assertThatThrownBy(() -> parser().parse(file, e -> { }))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + ": not a readable gzip file (");
  }

  private static LogParser parser() {
    return new LogParser(ParserCatalog.standard(), ZoneOffset.UTC, null);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }
}
