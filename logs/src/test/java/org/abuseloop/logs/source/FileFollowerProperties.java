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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of appends (some lines written in two pieces), rotations by rename (with or
 * without creating the new file), copytruncate, replacement and restarts from the saved position,
 * against a real file followed live: every line arrives exactly once, in order. Single rotations wait
 * until the follower is on the current file (rotations further apart than its reaction time); double
 * rotations do not: the log is rotated, the new file written, and rotated again at once, in
 * logrotate's way (.1 to .2, the log to .1) or to ever new names, so the middle file may be gone from
 * the path before the follower looked.
 */
class FileFollowerProperties {

  sealed interface Op permits Append, Rename, DoubleRename, CopyTruncate, Replace, Restart {}

  record Append(int lines, int width, boolean inTwoPieces) implements Op {}

  record Rename(boolean createNew) implements Op {}

  /** Two rotations in a row, {@code middleLines} lines written to the file in between. */
  record DoubleRename(int middleLines, boolean shift) implements Op {}

  record CopyTruncate() implements Op {}

  record Replace(int lines) implements Op {}

  record Restart() implements Op {}

  @Property(tries = 80)
  void everyLineArrivesExactlyOnceInOrder(@ForAll("scripts") List<Op> script) throws Exception {
    Path dir = Files.createTempDirectory("follow-prop");
    try (Run run = new Run(dir)) {
      for (Op op : script) {
        run.apply(op);
      }
      run.settle();
      assertThat(run.delivered()).containsExactlyElementsOf(run.expected);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A script the property once failed (the path named no file for a moment between the two rotations). */
  @net.jqwik.api.Example
  void aDoubleRotationAfterReplacementsLosesNoLine() throws Exception {
    everyLineArrivesExactlyOnceInOrder(List.of(new DoubleRename(1, false), new Append(3, 41, true), new Replace(0),
        new CopyTruncate(), new Append(6, 8, true), new Replace(0), new Append(6, 3, false), new DoubleRename(3, false),
        new Append(6, 54, false), new CopyTruncate()));
  }

  @Provide
  Arbitrary<List<Op>> scripts() {
    Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(0, 300), Arbitraries.of(true, false)).as(Append::new);
    return Arbitraries.frequencyOf(
            Tuple.of(8, append),
            Tuple.of(2, Arbitraries.of(true, false).map(Rename::new)),
            Tuple.of(2, Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.of(true, false)).as(DoubleRename::new)),
            Tuple.of(1, Arbitraries.just(new CopyTruncate())),
            Tuple.of(1, Arbitraries.integers().between(0, 3).map(Replace::new)),
            Tuple.of(1, Arbitraries.just(new Restart())))
        .list().ofMinSize(1).ofMaxSize(14);
  }

  /** One try: the file, the follower running on it, what was written and what arrived. */
  private static final class Run implements AutoCloseable {
    private static final Settings SETTINGS = Settings.defaults().withRotationQuiet(Duration.ZERO);
    private final Path dir;
    private final Path log;
    final List<String> expected = new ArrayList<>();
    private final List<Collector> earlier = new ArrayList<>();
    private Collector.Running running;
    private int sequence;
    private int rotations;

    Run(Path dir) {
      this.dir = dir;
      this.log = dir.resolve("service.log");
      this.running = start(null);
    }

    private Collector.Running start(Position at) {
      return Collector.Running.start(new FileFollower(log, at, SETTINGS, System::nanoTime));
    }

    List<String> delivered() {
      List<String> all = new ArrayList<>();
      earlier.forEach(c -> all.addAll(c.texts()));
      all.addAll(running.collector.texts());
      return all;
    }

    void apply(Op op) throws Exception {
      if (op instanceof Append a) {
        append(a);
      } else if (op instanceof Rename r) {
        rename(r);
      } else if (op instanceof DoubleRename d) {
        doubleRename(d);
      } else if (op instanceof CopyTruncate) {
        copyTruncate();
      } else if (op instanceof Replace r) {
        replace(r);
      } else {
        restart();
      }
    }

    private String nextLine(int width) {
      String line = "line-" + (++sequence) + "-" + "x".repeat((width * sequence) % 301);
      expected.add(line);
      return line;
    }

    private void append(Append a) throws IOException {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < a.lines(); i++) {
        text.append(nextLine(a.width())).append('\n');
      }
      byte[] b = text.toString().getBytes(UTF_8);
      try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        int cut = a.inTwoPieces() ? b.length - 3 : b.length;
        out.write(b, 0, cut);
        out.flush();
        out.write(b, cut, b.length - cut);
      }
    }

    private void rename(Rename r) throws IOException {
      if (!Files.exists(log)) {
        return;
      }
      settle();
      Files.move(log, dir.resolve("service.log." + (++rotations)));
      if (r.createNew()) {
        Files.createFile(log);
      }
    }

    private void doubleRename(DoubleRename d) throws IOException {
      if (!Files.exists(log)) {
        return;
      }
      settle();
      rotateOnce(d.shift());
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < d.middleLines(); i++) {
        text.append(nextLine(11)).append('\n');
      }
      Files.write(log, text.toString().getBytes(UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      rotateOnce(d.shift());
      Files.createFile(log);
    }

    /** The log to .1 after .1 to .2 (and so on), or to a name never used. */
    private void rotateOnce(boolean shift) throws IOException {
      if (!shift) {
        Files.move(log, dir.resolve("service.log." + (++rotations)));
        return;
      }
      for (int n = 9; n >= 1; n--) {
        Path from = dir.resolve("service.log.shift" + n);
        if (Files.exists(from)) {
          Files.move(from, dir.resolve("service.log.shift" + (n + 1)), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(log, dir.resolve("service.log.shift1"));
    }

    private void copyTruncate() throws IOException {
      if (!Files.exists(log)) {
        return;
      }
      settle();
      if (running.collector.lastBatch().offset() == 0) {
        return; // nothing read yet (an empty file): a truncation would change nothing to see
      }
      int before = running.collector.batches().size();
      long inode = FileIdentity.of(log).inode();
      Files.copy(log, dir.resolve("service.log." + (++rotations)));
      try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      // Copytruncate loses what is written before the follower saw the truncation; wait for it.
      Collector.await(() -> {
        List<Position> batches = running.collector.batches();
        return batches.subList(Math.min(before, batches.size()), batches.size()).stream().anyMatch(p -> p.inode() == inode && p.offset() == 0);
      }, () -> "the truncation was not noticed: " + running.collector.batches());
    }

    private void replace(Replace r) throws IOException {
      settle();
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < r.lines(); i++) {
        text.append(nextLine(7)).append('\n');
      }
      Path tmp = dir.resolve("service.log.tmp");
      Files.writeString(tmp, text, UTF_8);
      Files.move(tmp, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void restart() throws Exception {
      settle();
      running.close();
      // After run() returned, the last endOfBatch covers every line handed over (it may lag a line
      // behind while the source runs: a checkpoint taken then repeats that line after a restart).
      Position saved = running.collector.lastBatch();
      earlier.add(running.collector);
      running = start(saved == null ? null : Position.parse(saved.toText()));
    }

    /** Waits until every line written arrived and the follower stands on the file the path names. */
    void settle() throws IOException {
      Collector.await(() -> {
        try {
          FileIdentity current = FileIdentity.of(log);
          return delivered().size() >= expected.size() && (current == null || current.matches(running.collector.lastBatch()));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, () -> "expected " + expected + ", got " + delivered());
    }

    @Override
    public void close() throws InterruptedException {
      running.close();
    }
  }
}
