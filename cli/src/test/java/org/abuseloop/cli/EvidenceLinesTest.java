package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence lines read back by number from plain and gzip files; a broken gzip file fails naming it, as the parser does. */
class EvidenceLinesTest {

  private static final String LINES = "first\r\nsecond line\nthird\n";

  @TempDir
  Path dir;

  @Test
  void readsTheWantedLinesOfAPlainOrGzipFile() throws IOException {
    Path plain = Files.writeString(dir.resolve("plain.log"), LINES);
    Path gz = Files.write(dir.resolve("packed.log.gz"), gzip(LINES));

    for (Path file : new Path[] {plain, gz}) {
      assertThat(EvidenceLines.read(file, Set.of(1L, 3L))).as(file.toString())
          .isEqualTo(Map.of(1L, "first", 3L, "third"));
    }
  }

  @Test
  void aGzipHeaderThatIsNotGzipsNamesTheFile() throws IOException {
    Path file = Files.write(dir.resolve("bad.log.gz"), new byte[] {0x1f, (byte) 0x8b, 0x09, 0, 0, 0, 0, 0, 0, 0});

    assertThatThrownBy(() -> EvidenceLines.read(file, Set.of(1L))).isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + ": not a readable gzip file (");
  }

  @Test
  void aTruncatedOrCorruptGzipFileNamesTheFile() throws IOException {
    byte[] whole = gzip("Mar 11 10:00:00 host sshd[42]: Failed password for root from 198.51.100.7\n".repeat(2000));
    Path cut = Files.write(dir.resolve("cut.log.gz"), Arrays.copyOf(whole, whole.length - 30));
    byte[] bent = whole.clone();
    for (int i = 20; i < 60; i++) {
      bent[i] ^= 0x5a;
    }
    Path corrupt = Files.write(dir.resolve("corrupt.log.gz"), bent);

    for (Path file : new Path[] {cut, corrupt}) {
      assertThatThrownBy(() -> EvidenceLines.read(file, Set.of(2000L))).as(file.toString())
          .isInstanceOf(IOException.class).hasMessageStartingWith(file + ": not a readable gzip file (");
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
