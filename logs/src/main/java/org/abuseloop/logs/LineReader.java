package org.abuseloop.logs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it: LF ends a line, a CR before it is dropped, a
 * last line without LF still counts, and a line longer than the limit is reported as over-long (its
 * bytes skipped) instead of growing the buffer. Not thread-safe; one per stream.
 */
final class LineReader {

  static final int DEFAULT_MAX_LINE = 64 * 1024;
  private static final int CHUNK = 1 << 20;

  private final InputStream in;
  private final int maxLine;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private long consumed;

  private int lineStart;
  private int lineEnd;
  private long lineNumber;
  private long lineOffset;
  private boolean overlong;

  LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
    this.buf = new byte[Math.max(CHUNK, maxLine * 2)];
  }

  byte[] buffer() {
    return buf;
  }

  int start() {
    return lineStart;
  }

  int end() {
    return lineEnd;
  }

  long number() {
    return lineNumber;
  }

  long offset() {
    return lineOffset;
  }

  /** True when the current line exceeded the limit; its bytes are not available. */
  boolean overlong() {
    return overlong;
  }

  /** Advances to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    overlong = false;
    while (true) {
      int nl = indexOfNewline(pos, limit);
      if (nl >= 0) {
        if (nl - pos > maxLine) {
          emitOverlong(nl + 1);
        } else {
          emit(nl, nl + 1);
        }
        return true;
      }
      if (eof) {
        if (pos < limit) {
          emit(limit, limit);
          return true;
        }
        return false;
      }
      if (limit - pos >= maxLine) {
        skipOverlong();
        return true;
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

  /** Reports the buffered over-long line ending before {@code next} without its bytes. */
  private void emitOverlong(int next) {
    emit(next - 1, next);
    lineEnd = lineStart;
    overlong = true;
  }

  /** Consumes an over-long line up to and including its LF (or the end of the stream). */
  private void skipOverlong() throws IOException {
    lineOffset = consumed;
    lineNumber++;
    overlong = true;
    lineStart = pos;
    lineEnd = pos;
    while (true) {
      int nl = indexOfNewline(pos, limit);
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

  private int indexOfNewline(int from, int to) {
    byte[] b = buf;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
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
