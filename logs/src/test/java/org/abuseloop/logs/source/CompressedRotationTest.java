package org.abuseloop.logs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed rotated sibling is taken for the saved file only when its content matches; one that is
 * not gzip, empty (logrotate has only begun to write it) or cut short is simply not that file.
 */
class CompressedRotationTest {

  private static final byte[] CONTENT = "one\ntwo\nthree\n".getBytes(StandardCharsets.US_ASCII);
  /** Read up to the end of "two": byte 8, two lines. */
  private static final Position SAVED = Position.file(1, 2, 8, 2);

  @TempDir
  Path dir;

  @Test
  void aMatchingCopyIsOpenedAtTheSavedOffset() throws IOException {
    try (InputStream in = CompressedRotation.openAt(sibling("auth.log.1.gz", gzip(CONTENT)), SAVED)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("three\n");
    }
  }

  @Test
  void aFileThatIsNotGzipEmptyOrCutShortIsNotTheSavedFile() throws IOException {
    byte[] whole = gzip(CONTENT);
    byte[] cut = Arrays.copyOf(whole, 12);
    for (byte[] bytes : List.of("plain text\n".getBytes(StandardCharsets.US_ASCII), new byte[0], cut)) {
      assertThat(CompressedRotation.openAt(sibling("auth.log.2.gz", bytes), SAVED)).isNull();
    }
  }

  private RotatedSiblings.Sibling sibling(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return new RotatedSiblings.Sibling(p, null, Files.getLastModifiedTime(p), true);
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }
}
