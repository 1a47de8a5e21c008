package org.abuseloop.logs.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows real files in a temporary directory while the test appends, rotates, truncates and replaces
 * them. The rotation quiet time runs on a ticker the test moves, so "the old file is still being
 * written" is not a matter of timing.
 */
class FileFollowerTest {

  @TempDir Path dir;
  private final AtomicLong ticker = new AtomicLong();

  private Path log() {
    return dir.resolve("auth.log");
  }

  private Collector.Running follow(Position start) {
    return follow(start, Settings.defaults());
  }

  private Collector.Running follow(Position start, Settings settings) {
    return Collector.Running.start(new FileFollower(log(), start, settings, ticker::get));
  }

  private static void append(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Lets the rotation quiet time pass once (on the test's ticker). */
  private void passQuietTime() {
    ticker.addAndGet(Duration.ofSeconds(1).toNanos());
  }

  /** Waits for {@code count} lines while time keeps passing, however late the follower notices a rotation. */
  private List<String> awaitLinesAsTimePasses(Collector c, int count) {
    Collector.await(() -> {
      passQuietTime();
      return c.lines().size() >= count;
    }, () -> "expected " + count + " lines, got " + c.texts());
    return c.texts();
  }

  @Test
  void handsOverExistingLinesThenAppendsInOrderWithNumbersAndPositions() throws Exception {
    append(log(), "one\ntwo\n");
    try (Collector.Running r = follow(null)) {
      assertThat(r.collector.awaitLines(2)).containsExactly("one", "two");
      append(log(), "three\nfour\r\nfive\n");
      assertThat(r.collector.awaitLines(5)).containsExactly("one", "two", "three", "four", "five");
      List<SourceLine> lines = r.collector.lines();
      assertThat(lines).extracting(SourceLine::lineNumber).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(lines).extracting(l -> l.after().offset()).containsExactly(4L, 8L, 14L, 20L, 25L);
      assertThat(lines).allSatisfy(l -> assertThat(l.source()).isEqualTo(log().toString()));
      Position last = r.collector.awaitBatch(p -> p.lineNumber() == 5);
      assertThat(last).isEqualTo(lines.get(4).after());
      assertThat(FileIdentity.of(log()).matches(last)).isTrue();
    }
  }

  @Test
  void holdsAPartialLineBackUntilItsLineEndComes() throws Exception {
    append(log(), "first\nhalf a li");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitBatch(p -> p.lineNumber() == 1);
      assertThat(r.collector.texts()).containsExactly("first");
      assertThat(r.collector.lastBatch().offset()).isEqualTo(6);
      append(log(), "ne\n");
      assertThat(r.collector.awaitLines(2)).containsExactly("first", "half a line");
      assertThat(r.collector.lines().get(1).after().offset()).isEqualTo(18);
    }
  }

  @Test
  void picksUpAFileThatAppearsLater() throws Exception {
    try (Collector.Running r = follow(null)) {
      append(log(), "late\n");
      assertThat(r.collector.awaitLines(1)).containsExactly("late");
    }
  }

  @Test
  void rotationByRenameFinishesTheOldFileEvenWhenItIsWrittenAfterTheRenameThenReadsTheNewFromZero() throws Exception {
    append(log(), "a1\na2\n");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(2);
      Path rotated = dir.resolve("auth.log.1");
      try (OutputStream writer = Files.newOutputStream(log(), StandardOpenOption.APPEND)) {
        Files.move(log(), rotated);
        append(log(), "b1\nb2\n");
        // The writer has not reopened its log yet: it still appends to the renamed file.
        writer.write("a3\na4\n".getBytes(UTF_8));
      }
      assertThat(r.collector.awaitLines(4)).containsExactly("a1", "a2", "a3", "a4");
      assertThat(awaitLinesAsTimePasses(r.collector, 6)).containsExactly("a1", "a2", "a3", "a4", "b1", "b2");
      assertThat(r.collector.lines()).extracting(SourceLine::lineNumber).containsExactly(1L, 2L, 3L, 4L, 1L, 2L);
      FileIdentity fresh = FileIdentity.of(log());
      assertThat(fresh.matches(r.collector.lines().get(5).after())).isTrue();
      assertThat(FileIdentity.of(rotated).matches(r.collector.lines().get(3).after())).isTrue();
      assertThat(r.collector.awaitBatch(fresh::matches).offset()).isEqualTo(6);
    }
  }

  @Test
  void aPartialLastLineOfARotatedFileIsHandedOverWhenTheFileIsLeft() throws Exception {
    append(log(), "a1\nunfinished");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(1);
      Files.move(log(), dir.resolve("auth.log.1"));
      append(log(), "b1\n");
      assertThat(awaitLinesAsTimePasses(r.collector, 3)).containsExactly("a1", "unfinished", "b1");
      assertThat(r.collector.lines().get(1).after().offset()).isEqualTo(13);
    }
  }

  @Test
  void copytruncateRestartsTheSameFileAtZero() throws Exception {
    append(log(), "a long first line\na long second line\n");
    try (Collector.Running r = follow(null)) {
      // The batch's end comes after its lines: wait for it, not for the lines alone.
      long inode = r.collector.awaitBatch(p -> p.lineNumber() == 2).inode();
      Files.copy(log(), dir.resolve("auth.log.1"));
      try (FileChannel ch = FileChannel.open(log(), StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      append(log(), "new\n");
      assertThat(r.collector.awaitLines(3)).containsExactly("a long first line", "a long second line", "new");
      SourceLine fresh = r.collector.lines().get(2);
      assertThat(fresh.lineNumber()).isEqualTo(1);
      assertThat(fresh.after().offset()).isEqualTo(4);
      assertThat(fresh.after().inode()).isEqualTo(inode);
    }
  }

  @Test
  void aReplacedFileOfTheSameNameIsReadFromZero() throws Exception {
    append(log(), "old1\nold2\n");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(2);
      Path fresh = dir.resolve("auth.log.tmp");
      append(fresh, "new1\n");
      Files.move(fresh, log(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      assertThat(awaitLinesAsTimePasses(r.collector, 3)).containsExactly("old1", "old2", "new1");
      append(log(), "new2\n");
      assertThat(r.collector.awaitLines(4)).containsExactly("old1", "old2", "new1", "new2");
      assertThat(r.collector.lines().get(3).lineNumber()).isEqualTo(2);
    }
  }

  @Test
  void aDeletedThenRecreatedFileIsReadFromZero() throws Exception {
    append(log(), "before\n");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(1);
      Files.delete(log());
      append(log(), "after1\nafter2\n");
      assertThat(awaitLinesAsTimePasses(r.collector, 3)).containsExactly("before", "after1", "after2");
      assertThat(r.collector.lines().get(2).lineNumber()).isEqualTo(2);
    }
  }

  @Test
  void aRestartResumesAtTheSavedPositionOfTheSameFile() throws Exception {
    append(log(), "l1\nl2\nl3\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(3);
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 3);
    }
    append(log(), "l4\nl5\n");
    Position read = Position.parse(saved.toText());
    try (Collector.Running r = follow(read)) {
      assertThat(r.collector.awaitLines(2)).containsExactly("l4", "l5");
      assertThat(r.collector.lines()).extracting(SourceLine::lineNumber).containsExactly(4L, 5L);
    }
  }

  @Test
  void aRestartAfterARotationWhileStoppedFinishesTheRotatedFileFirst() throws Exception {
    append(log(), "l1\nl2\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(2);
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 2);
    }
    append(log(), "l3\n");
    Files.move(log(), dir.resolve("auth.log.1"));
    append(log(), "m1\n");
    try (Collector.Running r = follow(saved)) {
      assertThat(r.collector.awaitLines(1)).containsExactly("l3");
      assertThat(r.collector.lines().get(0).lineNumber()).isEqualTo(3);
      assertThat(awaitLinesAsTimePasses(r.collector, 2)).containsExactly("l3", "m1");
      assertThat(r.collector.lines().get(1).lineNumber()).isEqualTo(1);
    }
  }

  @Test
  void aRestartAfterARotationWhileStoppedFinishesTheRotatedFileBeforeTheNewOneExists() throws Exception {
    append(log(), "l1\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 1);
    }
    append(log(), "l2\n");
    Files.move(log(), dir.resolve("auth.log.1"));
    try (Collector.Running r = follow(saved)) {
      assertThat(r.collector.awaitLines(1)).containsExactly("l2");
      append(log(), "m1\n");
      assertThat(awaitLinesAsTimePasses(r.collector, 2)).containsExactly("l2", "m1");
    }
  }

  @Test
  void aRestartAfterTheFileWasReplacedWhileStoppedReadsTheNewFileFromZero() throws Exception {
    append(log(), "old1\nold2\nold3\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(3);
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 3);
    }
    Path fresh = dir.resolve("auth.log.tmp");
    append(fresh, "new1\nnew2\nnew3\nnew4\n");
    Files.move(fresh, log(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    try (Collector.Running r = follow(saved)) {
      assertThat(r.collector.awaitLines(4)).containsExactly("new1", "new2", "new3", "new4");
    }
  }

  @Test
  void aRestartAfterATruncationWhileStoppedReadsFromZero() throws Exception {
    append(log(), "a fairly long line one\na fairly long line two\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 2);
    }
    try (FileChannel ch = FileChannel.open(log(), StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    append(log(), "short\n");
    try (Collector.Running r = follow(saved)) {
      assertThat(r.collector.awaitLines(1)).containsExactly("short");
      assertThat(r.collector.lines().get(0).lineNumber()).isEqualTo(1);
    }
  }

  @Test
  void startAtEndSkipsWhatIsThereButKeepsTrueLineNumbers() throws Exception {
    append(log(), "old1\nold2\n");
    try (Collector.Running r = follow(null, Settings.defaults().withStartAtEnd(true))) {
      r.collector.awaitBatch(p -> p.lineNumber() == 2);
      append(log(), "new\n");
      assertThat(r.collector.awaitLines(1)).containsExactly("new");
      assertThat(r.collector.lines().get(0).lineNumber()).isEqualTo(3);
    }
  }

  @Test
  void aOneMebibyteLineIsCutToTheLimitAndFlaggedAndTheNextLineIsIntact() throws Exception {
    byte[] big = new byte[1024 * 1024];
    Arrays.fill(big, (byte) 'x');
    append(log(), "before\n" + new String(big, UTF_8) + "\nafter\n");
    try (Collector.Running r = follow(null)) {
      assertThat(r.collector.awaitLines(3)).hasSize(3);
      List<SourceLine> lines = r.collector.lines();
      assertThat(lines.get(1).truncated()).isTrue();
      assertThat(lines.get(1).bytes()).hasSize(Settings.DEFAULT_MAX_LINE_BYTES);
      assertThat(lines.get(1).after().offset()).isEqualTo(7 + big.length + 1);
      assertThat(lines.get(2).text()).isEqualTo("after");
      assertThat(lines.get(2).truncated()).isFalse();
      assertThat(lines.get(0).truncated()).isFalse();
    }
  }

  @Test
  void aOneMebibyteLineIsWholeUnderAHigherLimit() throws Exception {
    byte[] big = new byte[1024 * 1024];
    Arrays.fill(big, (byte) 'y');
    append(log(), new String(big, UTF_8) + "\n");
    try (Collector.Running r = follow(null, Settings.defaults().withMaxLineBytes(2 * 1024 * 1024))) {
      r.collector.awaitLines(1);
      assertThat(r.collector.lines().get(0).bytes()).isEqualTo(big);
      assertThat(r.collector.lines().get(0).truncated()).isFalse();
    }
  }

  @Test
  void nulBytesAndInvalidUtf8PassThroughAsBytes() throws Exception {
    byte[] raw = {0, (byte) 0xff, 'a', (byte) 0xc3, 0, (byte) 0xfe, '\r', '\n', 'z', '\n'};
    Files.write(log(), raw);
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(2);
      assertThat(r.collector.lines().get(0).bytes()).containsExactly(0, (byte) 0xff, 'a', (byte) 0xc3, 0, (byte) 0xfe);
      assertThat(r.collector.lines().get(1).bytes()).containsExactly('z');
    }
  }

  @Test
  void worksByPollingAloneWithoutTheWatchService() throws Exception {
    try (Collector.Running r = follow(null, Settings.defaults().withWatchService(false).withPollInterval(Duration.ofMillis(5)))) {
      append(log(), "polled\n");
      assertThat(r.collector.awaitLines(1)).containsExactly("polled");
    }
  }

  @Test
  void closeEndsRunWithoutAFile() throws Exception {
    Collector.Running r = follow(null);
    r.close();
    assertThat(r.returned()).isTrue();
  }
}
