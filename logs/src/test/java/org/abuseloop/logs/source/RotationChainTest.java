package org.abuseloop.logs.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation chains: several rotations before the follower looked (live, within the rotation quiet
 * time, or while it was stopped), and a rotated file compressed while it was stopped. The quiet time
 * runs on a ticker the test moves.
 */
class RotationChainTest {

  @TempDir Path dir;
  private final AtomicLong ticker = new AtomicLong();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Logger followerLog = Logger.getLogger(FileFollower.class.getName());
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
        warnings.add(new java.util.logging.SimpleFormatter().formatMessage(r));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  {
    followerLog.addHandler(capture);
  }

  @AfterEach
  void removeHandler() {
    followerLog.removeHandler(capture);
  }

  private Path log() {
    return dir.resolve("auth.log");
  }

  private Path rotated(int n) {
    return dir.resolve("auth.log." + n);
  }

  private Collector.Running follow(Position start) {
    return Collector.Running.start(new FileFollower(log(), start, Settings.defaults(), ticker::get));
  }

  private static void append(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private List<String> awaitLinesAsTimePasses(Collector c, int count) {
    Collector.await(() -> {
      ticker.addAndGet(Duration.ofSeconds(1).toNanos());
      return c.lines().size() >= count;
    }, () -> "expected " + count + " lines, got " + c.texts());
    return c.texts();
  }

  /** logrotate's rename rotation: .1 becomes .2, the log becomes .1, a new empty log is created. */
  private void logrotate() throws IOException {
    if (Files.exists(rotated(1))) {
      Files.move(rotated(1), rotated(2));
    }
    Files.move(log(), rotated(1));
    Files.createFile(log());
  }

  /** logrotate's compress: the file becomes NAME.gz (a new inode) with its modification time, and is deleted. */
  private static Path gzip(Path file) throws IOException {
    Path gz = file.resolveSibling(file.getFileName() + ".gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(file, out);
    }
    Files.setLastModifiedTime(gz, Files.getLastModifiedTime(file));
    Files.delete(file);
    return gz;
  }

  @Test
  void twoRotationsWithinTheQuietTimeReadTheFileInBetween() throws Exception {
    append(log(), "a1\n");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(1);
      try (OutputStream daemon = Files.newOutputStream(log(), StandardOpenOption.APPEND)) {
        logrotate();
        daemon.write("a2\n".getBytes(UTF_8)); // the daemon writes the renamed file until it reopens its log
      }
      assertThat(r.collector.awaitLines(2)).containsExactly("a1", "a2");
      append(log(), "b1\nb2\n"); // reopened: the second file
      logrotate(); // and rotated again before the first one was left (the ticker has not moved)
      append(log(), "c1\n");
      assertThat(awaitLinesAsTimePasses(r.collector, 5)).containsExactly("a1", "a2", "b1", "b2", "c1");
      assertThat(r.collector.lines()).extracting(SourceLine::lineNumber).containsExactly(1L, 2L, 1L, 2L, 1L);
      assertThat(FileIdentity.of(rotated(1)).matches(r.collector.lines().get(3).after())).as("b2 names the middle file").isTrue();
      ticker.addAndGet(Duration.ofSeconds(5).toNanos());
      Thread.sleep(300);
      assertThat(r.collector.texts()).as("nothing read twice").hasSize(5);
    }
  }

  @Test
  void threeRotationsBeforeTheFollowerLooksAreReadInOrder() throws Exception {
    append(log(), "a1\n");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(1);
      for (String f : List.of("b", "c", "d")) {
        Files.move(log(), dir.resolve("auth.log-" + f)); // dateext-like names: no number to go by
        append(log(), f + "1\n");
      }
      assertThat(awaitLinesAsTimePasses(r.collector, 4)).containsExactly("a1", "b1", "c1", "d1");
    }
  }

  @Test
  void aCopytruncateCopyAndAnOldRotatedFileAreNotLinksOfTheChain() throws Exception {
    append(rotated(3), "old1\n");
    append(log(), "a1\n");
    try (Collector.Running r = follow(null)) {
      r.collector.awaitLines(1);
      Files.copy(log(), rotated(2));
      try (FileChannel ch = FileChannel.open(log(), StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      Collector.await(() -> r.collector.batches().stream().anyMatch(p -> p.offset() == 0), () -> "truncation unseen");
      append(log(), "a2\n");
      r.collector.awaitLines(2);
      Files.copy(rotated(2), dir.resolve("auth.log.bak")); // an operator's copy, made before the rotation
      Files.setLastModifiedTime(dir.resolve("auth.log.bak"), java.nio.file.attribute.FileTime.fromMillis(0));
      Files.move(log(), rotated(1));
      append(log(), "b1\n");
      assertThat(awaitLinesAsTimePasses(r.collector, 3)).containsExactly("a1", "a2", "b1");
      ticker.addAndGet(Duration.ofSeconds(5).toNanos());
      Thread.sleep(300);
      assertThat(r.collector.texts()).hasSize(3);
    }
  }

  @Test
  void aRestartAfterTwoRotationsWhileStoppedReadsTheRestThenTheMiddleFileThenTheNew() throws Exception {
    append(log(), "l1\nl2\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 2);
    }
    append(log(), "l3\n");
    logrotate();
    append(log(), "m1\nm2\n");
    logrotate();
    append(log(), "n1\n");
    try (Collector.Running r = follow(Position.parse(saved.toText()))) {
      assertThat(awaitLinesAsTimePasses(r.collector, 4)).containsExactly("l3", "m1", "m2", "n1");
      assertThat(r.collector.lines().get(0).lineNumber()).isEqualTo(3);
    }
  }

  @Test
  void aRestartAfterTheRotatedFileWasCompressedReadsTheRestFromTheGzipCopy() throws Exception {
    append(log(), "l1\nl2\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 2);
    }
    append(log(), "l3\nl4\n");
    logrotate();
    append(log(), "m1\n");
    logrotate();
    gzip(rotated(2)); // delaycompress: the older one is compressed at the second rotation
    append(log(), "n1\n");
    append(rotated(4), "unrelated\n"); // older rotated files stay unread
    Files.setLastModifiedTime(rotated(4), java.nio.file.attribute.FileTime.fromMillis(0));
    try (Collector.Running r = follow(Position.parse(saved.toText()))) {
      assertThat(awaitLinesAsTimePasses(r.collector, 4)).containsExactly("l3", "l4", "m1", "n1");
      SourceLine l4 = r.collector.lines().get(1);
      assertThat(l4.lineNumber()).isEqualTo(4);
      assertThat(l4.after()).as("named after the original file, offsets in its content")
          .isEqualTo(Position.file(saved.device(), saved.inode(), 12, 4));
      assertThat(warnings).isEmpty();
    }
  }

  @Test
  void aRestartAfterTheRotatedFileWasLostWarnsWithTheFileAndTheOffset() throws Exception {
    append(log(), "l1\nl2\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 2);
    }
    append(log(), "l3\n");
    logrotate();
    Path xz = rotated(1).resolveSibling("auth.log.1.xz");
    Files.copy(rotated(1), xz); // compressed (a new file) in a format not read here
    Files.delete(rotated(1));
    append(log(), "n1\n");
    try (Collector.Running r = follow(Position.parse(saved.toText()))) {
      assertThat(r.collector.awaitLines(1)).containsExactly("n1");
      Collector.await(() -> !warnings.isEmpty(), () -> "no warning");
      assertThat(warnings.get(0)).contains(log().toString(), "byte 6", "inode " + saved.inode(), "auth.log.1.xz",
          "was not read");
    }
  }

  @Test
  void aGzipFileThatDoesNotMatchTheSavedPositionIsNotRead() throws Exception {
    append(log(), "l1\nl2\n");
    Position saved;
    try (Collector.Running r = follow(null)) {
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 2);
    }
    Files.move(log(), rotated(1));
    Files.writeString(rotated(1), "abcde\nx2\n"); // as long up to the offset, but one line there, not two
    append(log(), "n1\n");
    gzip(rotated(1));
    try (Collector.Running r = follow(Position.parse(saved.toText()))) {
      assertThat(r.collector.awaitLines(1)).containsExactly("n1");
      Collector.await(() -> !warnings.isEmpty(), () -> "no warning");
      assertThat(warnings.get(0)).contains("into no gzip file that matches it");
    }
  }
}
