package org.abuseloop.cli.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * STAND-IN until branch {@code follow} lands its file follower: polls a file every few milliseconds,
 * follows rename rotation (drains the old file, then reads the new one from its start) and
 * copytruncate, and resumes from a {@code inode:offset} position. Thread-safe for {@link #close()} only.
 */
final class TailedFile implements LogSource {

  private static final long POLL_MILLIS = 5;

  private final String name;
  private final Path path;
  private final String resume;
  private volatile boolean closed;

  TailedFile(String name, Path path, Position resume) {
    this.name = name;
    this.path = path;
    this.resume = resume == null ? null : resume.toText();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(LineSink sink) throws IOException, InterruptedException {
    FileChannel channel = null;
    Object identity = null;
    long offset = 0;
    byte[] pending = new byte[0];
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    long lineNumber = 0;
    try {
      while (!closed) {
        if (channel == null) {
          Object id = identity(path);
          if (id == null) {
            Thread.sleep(POLL_MILLIS);
            continue;
          }
          channel = FileChannel.open(path, StandardOpenOption.READ);
          identity = id;
          offset = startOffset(id, channel.size());
        }
        if (channel.size() < offset) { // copytruncate
          offset = 0;
          pending = new byte[0];
        }
        buf.clear();
        int n = channel.read(buf, offset);
        if (n > 0) {
          offset += n;
          byte[] data = concat(pending, buf.array(), n);
          int start = 0;
          for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
              long after = offset - (data.length - i - 1);
              sink.line(new SourceLine(name, Arrays.copyOfRange(data, start, i), ++lineNumber, position(identity, after)));
              start = i + 1;
            }
          }
          pending = Arrays.copyOfRange(data, start, data.length);
          sink.endOfBatch(position(identity, offset - pending.length));
          continue;
        }
        Object now = identity(path);
        if (now != null && !now.equals(identity)) { // renamed away: the old file is drained, read the new one
          channel.close();
          channel = FileChannel.open(path, StandardOpenOption.READ);
          identity = now;
          offset = 0;
          pending = new byte[0];
          continue;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } finally {
      if (channel != null) {
        channel.close();
      }
    }
  }

  private long startOffset(Object id, long size) {
    if (resume != null) {
      int colon = resume.lastIndexOf(':');
      if (resume.substring(0, colon).equals(String.valueOf(id))) {
        long saved = Long.parseLong(resume.substring(colon + 1));
        return saved <= size ? saved : 0;
      }
      return 0; // another file now: read it from its start
    }
    return size; // first run: only new lines
  }

  private static Position position(Object identity, long offset) {
    String text = identity + ":" + offset;
    return () -> text;
  }

  private static byte[] concat(byte[] a, byte[] b, int n) {
    byte[] out = Arrays.copyOf(a, a.length + n);
    System.arraycopy(b, 0, out, a.length, n);
    return out;
  }

  private static Object identity(Path path) throws IOException {
    try {
      Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
      return String.valueOf(key).replace(':', '_');
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
