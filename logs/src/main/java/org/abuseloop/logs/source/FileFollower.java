package org.abuseloop.logs.source;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  /**
   * Files never to read as a link of a rotation chain (read already, or there before we started), with
   * their modification time then: a file of that identity modified later is a new file that got a freed
   * inode number.
   */
  private final Map<FileIdentity, FileTime> known = new HashMap<>();
  /** The file last left by a rotation while no next one is open yet, else null. */
  private FileIdentity left;

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
    if (channel == null && !(left != null ? moveOn() : open())) {
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

  /**
   * The old file of a rotation is done: its partial last line is handed over, then the next file of
   * the chain is read: a file rotated in between (two rotations before we looked) if there is one,
   * else the one the path names.
   */
  private void leaveRotated() throws IOException {
    drain(); // to its very end: what was written before the rename we saw is there now
    splitter.flush(out);
    report();
    left = identity;
    closeChannel();
    leftSince = -1;
    if (moveOn()) {
      drain();
    }
  }

  /**
   * Opens the file after the one left: the next link of the chain, else the path's file (unless a link
   * was rotated away between the look and the open: it comes first). False when there is none yet
   * (the path names no file): the next step tries again, the chain still first.
   */
  private boolean moveOn() throws IOException {
    if (!nextInChain(left) && open() && nextLink(left) != null) {
      known.remove(identity);
      closeChannel();
      if (!nextInChain(left)) {
        open();
      }
    }
    if (channel == null) {
      return false;
    }
    left = null;
    return true;
  }

  /** Opens the next link of the chain after {@code left}, if there is one (see {@link #nextLink}). */
  private boolean nextInChain(FileIdentity left) throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      RotatedSiblings.Sibling link = nextLink(left);
      if (link == null) {
        return false;
      }
      if (adoptLink(link)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The oldest file rotated after {@code left} and not read yet, if any: a rotated sibling we do not
   * know, not compressed, not the file the path names now, modified no earlier than {@code left} was
   * (a file rotated later was written later; older copies are not links of the chain), oldest
   * modification first (then inode).
   */
  private RotatedSiblings.Sibling nextLink(FileIdentity left) throws IOException {
    List<RotatedSiblings.Sibling> siblings = RotatedSiblings.of(path);
    FileTime after = null;
    known.remove(left); // deleted, its number may be reused: known again below only if still there
    for (RotatedSiblings.Sibling s : siblings) {
      if (s.identity().equals(left)) {
        after = s.modified();
        known.put(left, after);
      }
    }
    FileIdentity current = FileIdentity.of(path);
    RotatedSiblings.Sibling next = null;
    for (RotatedSiblings.Sibling s : siblings) {
      if (!s.compressed() && !isKnown(s) && !s.identity().equals(current)
          && (after == null || s.modified().compareTo(after) >= 0) && (next == null || older(s, next))) {
        next = s;
      }
    }
    return next;
  }

  private boolean isKnown(RotatedSiblings.Sibling s) {
    FileTime then = known.get(s.identity());
    return then != null && s.modified().compareTo(then) <= 0;
  }

  /** Opens a link of the chain from its start; false when it was deleted meanwhile. */
  private boolean adoptLink(RotatedSiblings.Sibling link) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(link.path(), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (!link.identity().equals(FileIdentity.of(link.path()))) {
      ch.close(); // renamed again meanwhile: look again
      return false;
    }
    LOG.log(Level.INFO, "{0}: reading {1} first, rotated before it was read (a rotation chain)", path, link.path());
    channel = ch;
    identity = link.identity();
    known.put(identity, FileTime.fromMillis(Long.MAX_VALUE));
    lineNumber = 0;
    splitter = new LineSplitter(settings.maxLineBytes(), 0);
    return true;
  }

  private static boolean older(RotatedSiblings.Sibling a, RotatedSiblings.Sibling b) {
    int byTime = a.modified().compareTo(b.modified());
    return byTime != 0 ? byTime < 0 : a.identity().inode() < b.identity().inode();
  }

  /** copytruncate: the same file got shorter than what was read, so it starts again at 0. */
  private void restartTruncated() throws IOException {
    rememberSiblings(); // the copy copytruncate made is not a link of a rotation chain
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
    if (first) {
      rememberSiblings(); // rotated before we started (or finished above): not links of a chain to come
    }
    channel = ch;
    identity = id;
    known.put(id, FileTime.fromMillis(Long.MAX_VALUE)); // the file being read: never a link while it is
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

  /**
   * The saved file was rotated away while we were stopped: opens the rotated sibling that has the saved
   * identity at the saved offset; else reads the rest of its gzip-compressed copy (a new inode, found by
   * its content) and goes on with the chain; else warns that its unread end is lost. True when a file
   * was opened.
   */
  private boolean resumeRotatedSibling() throws IOException {
    for (RotatedSiblings.Sibling s : RotatedSiblings.of(path, true)) {
      if (s.identity().matches(start)) {
        FileChannel ch = FileChannel.open(s.path(), StandardOpenOption.READ);
        if (ch.size() < start.offset()
            || !CompressedRotation.skipCountingLines(java.nio.channels.Channels.newInputStream(ch), start.offset(), start.lineNumber())) {
          ch.close(); // a new file that got the saved inode number
          break;
        }
        channel = ch;
        identity = s.identity();
        known.put(identity, FileTime.fromMillis(Long.MAX_VALUE));
        splitter = new LineSplitter(settings.maxLineBytes(), start.offset());
        lineNumber = start.lineNumber();
        ch.position(start.offset());
        LOG.log(Level.INFO, "{0}: finishing {1}, rotated while stopped", path, s.path());
        return true;
      }
    }
    FileIdentity saved = new FileIdentity(start.device(), start.inode());
    List<RotatedSiblings.Sibling> siblings = RotatedSiblings.of(path);
    for (RotatedSiblings.Sibling s : siblings) {
      if (s.compressed()) {
        try (InputStream in = CompressedRotation.openAt(s, start)) {
          if (in != null) {
            finishCompressed(s, in, saved);
            return nextInChain(saved);
          }
        }
      }
    }
    warnLost(siblings);
    return false;
  }

  /**
   * Hands over the lines of a compressed copy of the saved file after the saved offset. Their
   * positions name the saved file's identity and offsets in its uncompressed bytes, so a restart in the
   * middle finds the copy again the same way.
   */
  private void finishCompressed(RotatedSiblings.Sibling s, InputStream in, FileIdentity saved) throws IOException {
    LOG.log(Level.INFO, "{0}: finishing {1}, rotated and compressed while stopped, from byte {2} of its content",
        path, s.path(), String.valueOf(start.offset()));
    identity = saved;
    lineNumber = start.lineNumber();
    splitter = new LineSplitter(settings.maxLineBytes(), start.offset());
    long read = 0;
    try {
      for (int n = in.read(buffer.array()); n >= 0 && !closed; n = in.read(buffer.array())) {
        splitter.feed(buffer.array(), 0, n, out);
        read += n;
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "{0}: {1} is damaged after {2} bytes of its content: the rest of it was not read ({3})",
          path, s.path(), String.valueOf(start.offset() + read), e.getMessage());
    }
    splitter.flush(out);
    sink.endOfBatch(Position.file(saved.device(), saved.inode(), splitter.offset(), lineNumber));
    rememberOlderThan(s.modified()); // gzip keeps the log's modification time: later files are the chain's
  }

  /** No file has the saved identity and no compressed copy matches it: what was after the offset is lost. */
  private void warnLost(List<RotatedSiblings.Sibling> siblings) {
    List<String> unreadable = siblings.stream().filter(s -> s.compressed() && !s.path().toString().endsWith(".gz"))
        .map(s -> s.path().getFileName().toString()).toList();
    LOG.log(Level.WARNING, "{0}: the file read up to byte {1} (line {2}, device {3}, inode {4}) is gone: rotated and "
        + "deleted, or compressed {5}; whatever was written to it after byte {1} was not read (its size is unknown)",
        path, String.valueOf(start.offset()), String.valueOf(start.lineNumber()), String.valueOf(start.device()),
        String.valueOf(start.inode()),
        unreadable.isEmpty() ? "into no gzip file that matches it" : "into a format not read here (" + String.join(", ", unreadable) + ")");
  }

  /** Every rotated sibling there now is known: not to read as a link of a rotation chain. */
  private void rememberSiblings() throws IOException {
    for (RotatedSiblings.Sibling s : RotatedSiblings.of(path)) {
      known.put(s.identity(), s.modified());
    }
  }

  /** The rotated siblings modified before {@code time} are known. */
  private void rememberOlderThan(FileTime time) throws IOException {
    for (RotatedSiblings.Sibling s : RotatedSiblings.of(path)) {
      if (s.modified().compareTo(time) < 0) {
        known.put(s.identity(), s.modified());
      }
    }
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
