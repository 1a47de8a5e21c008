package org.abuseloop.logs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits bytes into lines without decoding them: LF ends a line, a CR before it is dropped, a last
 * line without LF still counts, and a line longer than the limit is reported as over-long (its bytes
 * skipped) instead of growing the buffer. Reads a stream, or a slice of an array already in memory
 * (one chunk of a file, numbered from where the chunk starts). Not thread-safe; one per stream.
 */
public final class LineReader {

  public static final int DEFAULT_MAX_LINE = 64 * 1024;
  private static final int CHUNK = 128 << 10;
  private static final long NEWLINES = Bytes.broadcast((byte) '\n');

  private final InputStream in;
  private final int maxLine;
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private long consumed;

  private int lineStart;
  private int lineEnd;
  private long lineNumber;
  private long lineOffset;
  private boolean overlong;

  /** Reads {@code in} (not closed here); lines longer than {@code maxLine} bytes are over-long. */
  public LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
    this.buf = new byte[Math.max(CHUNK, maxLine * 2 + 2)];
  }

  /**
   * Reads the lines of {@code buf[from, to)}, the part of a file that starts at byte {@code offset}
   * and line {@code firstLine}: numbers and offsets come out as if the whole file had been read.
   */
  LineReader(byte[] buf, int from, int to, long firstLine, long offset, int maxLine) {
    this.in = null;
    this.maxLine = maxLine;
    this.buf = buf;
    this.pos = from;
    this.limit = to;
    this.eof = true;
    this.lineNumber = firstLine - 1;
    this.consumed = offset;
  }

  /** The buffer holding the current line, valid until the next call to {@link #next()}. */
  public byte[] buffer() {
    return buf;
  }

  /** Index of the current line's first byte in {@link #buffer()}. */
  public int start() {
    return lineStart;
  }

  /** Index after the current line's last byte (LF and a CR before it excluded). */
  public int end() {
    return lineEnd;
  }

  /** The current line's 1-based number. */
  public long number() {
    return lineNumber;
  }

  /** The byte offset of the current line's first byte in the stream. */
  public long offset() {
    return lineOffset;
  }

  /** True when the current line exceeded the limit; its bytes are not available. */
  public boolean overlong() {
    return overlong;
  }

  /** Advances to the next line; false at the end of the stream. */
  public boolean next() throws IOException {
    overlong = false;
    while (true) {
      int window = (int) Math.min(limit, (long) pos + maxLine + 1);
      int nl = Bytes.indexOf(buf, pos, window, (byte) '\n', NEWLINES);
      if (nl >= 0) {
        emit(nl, nl + 1);
        return true;
      }
      if (limit - pos > maxLine) {
        // No LF within the first maxLine + 1 bytes: the line is longer than the limit.
        skipOverlong();
        return true;
      }
      if (eof) {
        if (pos < limit) {
          emit(limit, limit);
          return true;
        }
        return false;
      }
      fill();
    }
  }

  private void emit(int contentEnd, int next) {
    lineStart = pos;
    lineEnd = contentEnd > pos && buf[contentEnd - 1] == '\r' ? contentEnd - 1 : contentEnd;
    lineOffset = consumed;
    lineNumber++;
    consumed += next - pos;
    pos = next;
  }

  /** Consumes an over-long line up to and including its LF (or the end of the stream). */
  private void skipOverlong() throws IOException {
    lineOffset = consumed;
    lineNumber++;
    overlong = true;
    lineStart = pos;
    lineEnd = pos;
    while (true) {
      int nl = Bytes.indexOf(buf, pos, limit, (byte) '\n', NEWLINES);
      if (nl >= 0) {
        consumed += nl + 1 - pos;
        pos = nl + 1;
        return;
      }
      consumed += limit - pos;
      pos = limit;
      if (eof) {
        return;
      }
      fill();
    }
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }
}
