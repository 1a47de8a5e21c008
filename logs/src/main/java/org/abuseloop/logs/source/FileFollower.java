package org.abuseloop.logs.source;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Follows one log file like {@code tail -F}, by identity: wakes on the directory's WatchService
 * (inotify on Linux) and, as a safety net, at least every poll interval; survives rotation by rename
 * (the old file is read to its end and left once it stopped growing, then the new one is read from 0)
 * and by copytruncate (a size below the read offset restarts the same file at 0); resumes a saved
 * position when the file, or a rotated sibling in the same directory, still has its identity.
 * {@link #run} is for one thread; {@link #close} is thread-safe.
 *
 * <p>Written by hand: Commons IO's {@code Tailer}, the usual library, polls only, knows a file by its
 * name and size (not its inode), and loses or repeats lines around a rotation.
 */
final class FileFollower implements LogSource {

  private static final System.Logger LOG = System.getLogger(FileFollower.class.getName());
  private static final int READ_CHUNK = 64 * 1024;

  private final Path path;
  private final Position start;
  private final Settings settings;
  private final LongSupplier ticker;
  private final Object wake = new Object();
  private volatile boolean closed;
  private volatile WatchService watcher;

  // The state below belongs to the thread in run().
  private final ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
  private final LineSplitter.Out out = this::handOver;
  private LineSink sink;
  private WatchKey watchKey;
  private FileChannel channel;
  private FileIdentity identity;
  private LineSplitter splitter;
  private long lineNumber;
  private boolean firstOpen = true;
  private long leftSince = -1;
  private long lastGrowth;
  private Position reported;
  private FileIdentity deniedWarned;

  FileFollower(Path path, Position start, Settings settings, LongSupplier ticker) {
    if (start != null && start.kind() != Position.Kind.FILE) {
      throw new IllegalArgumentException("a followed file resumes from a file position, not " + start.toText());
    }
    this.path = path;
    this.start = start;
    this.settings = settings;
    this.ticker = ticker;
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public void run(LineSink lineSink) throws IOException, InterruptedException {
    this.sink = lineSink;
    if (settings.watchService()) {
      watcher = path.getFileSystem().newWatchService();
      if (closed) {
        watcher.close();
      }
    }
    try {
      while (!closed) {
        step();
        await();
      }
    } catch (ClosedByInterruptException e) {
      throw new InterruptedException("interrupted while reading " + path);
    } finally {
      closeChannel();
      WatchService w = watcher;
      if (w != null) {
        w.close();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    WatchService w = watcher;
    if (w != null) {
      try {
        w.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing the watch service of " + path, e);
      }
    }
  }

  /** One look at the file: read what is new, then handle a rotation or a truncation. */
  void step() throws IOException {
    watchDirectory();
    if (channel == null && !open()) {
      return;
    }
    boolean grew = drain();
    if (grew) {
      report(); // hand the lines on before looking at the file's identity (a stat)
    }
    FileIdentity now = FileIdentity.of(path);
    if (identity.equals(now)) {
      leftSince = -1;
      if (channel.size() < channel.position()) {
        restartTruncated();
      }
    } else if (rotatedAwayAndQuiet(grew)) {
      leaveRotated();
    }
    report();
  }

  /** True once the file the path no longer names has not grown for the rotation quiet time. */
  private boolean rotatedAwayAndQuiet(boolean grew) {
    long t = ticker.getAsLong();
    if (leftSince < 0 || grew) {
      leftSince = t;
      lastGrowth = t;
    }
    return t - lastGrowth >= settings.rotationQuiet().toNanos();
  }

  /** The old file of a rotation is done: its partial last line is handed over, then the new file is read. */
  private void leaveRotated() throws IOException {
    splitter.flush(out);
    report();
    closeChannel();
    leftSince = -1;
    if (open()) {
      drain();
    }
  }

  /** copytruncate: the same file got shorter than what was read, so it starts again at 0. */
  private void restartTruncated() throws IOException {
    splitter.flush(out);
    splitter.restartAt(0);
    lineNumber = 0;
    channel.position(0);
    drain();
  }

  /** Opens the file the path names, positioned where reading must start; false when there is none yet. */
  private boolean open() throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      FileIdentity before = FileIdentity.of(path);
      if (before == null) {
        return firstOpen && start != null && resumeRotatedSiblingFirst();
      }
      FileChannel ch;
      try {
        ch = FileChannel.open(path, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return false;
      } catch (AccessDeniedException e) {
        warnDenied(before);
        return false;
      }
      if (before.equals(FileIdentity.of(path))) {
        adopt(ch, before);
        return true;
      }
      ch.close(); // renamed between the look and the open: look again
    }
    return false;
  }

  private void adopt(FileChannel ch, FileIdentity id) throws IOException {
    boolean first = firstOpen;
    firstOpen = false;
    if (first && start != null && !id.matches(start) && resumeRotatedSibling()) {
      ch.close(); // the saved file was rotated away while we were down: finish it first
      return;
    }
    channel = ch;
    identity = id;
    lineNumber = 0;
    splitter = new LineSplitter(settings.maxLineBytes(), 0);
    if (first && id.matches(start) && ch.size() >= start.offset()) {
      splitter.restartAt(start.offset());
      lineNumber = start.lineNumber();
      ch.position(start.offset());
    } else if (first && start == null && settings.startAtEnd()) {
      skipExistingLines();
    }
  }

  /** No file at the path yet, but the saved one may have been rotated away while we were stopped. */
  private boolean resumeRotatedSiblingFirst() throws IOException {
    firstOpen = false;
    return resumeRotatedSibling();
  }

  /** Opens the file in the path's directory that has the saved identity, at the saved offset, if any. */
  private boolean resumeRotatedSibling() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir)) {
      for (Path p : siblings) {
        FileIdentity id = Files.isRegularFile(p) ? FileIdentity.of(p) : null;
        if (id != null && id.matches(start)) {
          FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
          if (ch.size() < start.offset()) {
            ch.close();
            return false;
          }
          channel = ch;
          identity = id;
          splitter = new LineSplitter(settings.maxLineBytes(), start.offset());
          lineNumber = start.lineNumber();
          ch.position(start.offset());
          LOG.log(Level.INFO, "{0}: finishing {1}, rotated while stopped", path, p);
          return true;
        }
      }
    }
    return false;
  }

  /** Start at the end: counts the lines already there (so numbers stay true) without handing them over. */
  private void skipExistingLines() throws IOException {
    LineSplitter.Out count = (bytes, truncated, after) -> lineNumber++;
    long size = channel.size();
    while (channel.position() < size) {
      buffer.clear();
      int n = channel.read(buffer);
      if (n <= 0) {
        break;
      }
      splitter.feed(buffer.array(), 0, n, count);
    }
  }

  /** Reads to the current end of the open file; true when there were new bytes. */
  private boolean drain() throws IOException {
    boolean grew = false;
    while (!closed) {
      buffer.clear();
      int n = channel.read(buffer);
      if (n <= 0) {
        break;
      }
      grew = true;
      splitter.feed(buffer.array(), 0, n, out);
    }
    return grew;
  }

  private void handOver(byte[] bytes, boolean truncated, long offsetAfter) {
    lineNumber++;
    Position after = Position.file(identity.device(), identity.inode(), offsetAfter, lineNumber);
    sink.line(new SourceLine(name(), bytes, lineNumber, after, truncated));
  }

  /** Tells the sink where the source stands when that changed since it was last told. */
  private void report() {
    if (channel == null) {
      return;
    }
    Position now = Position.file(identity.device(), identity.inode(), splitter.offset(), lineNumber);
    if (!now.equals(reported)) {
      reported = now;
      sink.endOfBatch(now);
    }
  }

  private void warnDenied(FileIdentity id) {
    if (!id.equals(deniedWarned)) {
      deniedWarned = id;
      LOG.log(Level.WARNING, "{0}: permission denied, retrying until it can be read", path);
    }
  }

  /** Registers the directory with the WatchService when it exists and is not watched yet. */
  private void watchDirectory() throws IOException {
    WatchService w = watcher;
    if (w == null || (watchKey != null && watchKey.isValid())) {
      return;
    }
    Path dir = path.toAbsolutePath().getParent();
    if (Files.isDirectory(dir)) {
      try {
        watchKey = dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
      } catch (ClosedWatchServiceException | NoSuchFileException e) {
        watchKey = null;
      }
    }
  }

  /** Waits for a WatchService event or the poll interval, whichever comes first. */
  private void await() throws InterruptedException {
    long nanos = settings.pollInterval().toNanos();
    WatchService w = watcher;
    if (w != null && watchKey != null) {
      try {
        WatchKey key = w.poll(nanos, TimeUnit.NANOSECONDS);
        while (key != null) {
          key.pollEvents();
          key.reset();
          key = w.poll();
        }
      } catch (ClosedWatchServiceException e) {
        // closing
      }
      return;
    }
    synchronized (wake) {
      if (!closed) {
        TimeUnit.NANOSECONDS.timedWait(wake, nanos);
      }
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }
}
