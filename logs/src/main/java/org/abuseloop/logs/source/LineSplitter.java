package org.abuseloop.logs.source;

import java.util.Arrays;

/**
 * Cuts bytes that arrive in pieces into lines: LF ends a line (a CR before it is dropped), a partial
 * last line is held until its LF comes, and a line longer than the limit is handed over cut to the
 * limit and flagged, its remaining bytes read and dropped, so memory stays bounded. Written by hand
 * because {@link org.abuseloop.logs.LineReader} pulls from a blocking stream while a followed file or
 * a socket pushes whatever bytes are there; not thread-safe, one per stream.
 */
final class LineSplitter {

  /** Receives each line with the stream offset just after its line end. */
  interface Out {
    void line(byte[] bytes, boolean truncated, long offsetAfter);
  }

  private final int maxLine;
  private byte[] pending = new byte[256];
  private int pendingLength;
  /** Bytes of the current partial line seen so far, kept or dropped. */
  private long partialBytes;
  /** The current line went past the limit: further bytes up to its LF are dropped. */
  private boolean overflowed;
  private long offset;

  LineSplitter(int maxLine, long startOffset) {
    this.maxLine = maxLine;
    this.offset = startOffset;
  }

  /** The stream offset just after the last complete line handed over. */
  long offset() {
    return offset;
  }

  /** True while bytes of an unfinished line are held back. */
  boolean hasPartial() {
    return partialBytes > 0;
  }

  /** Offset of the first byte not yet seen: {@link #offset()} plus the held-back partial line. */
  long readOffset() {
    return offset + partialBytes;
  }

  /** Splits {@code b[from, to)}, handing each completed line to {@code out}. */
  void feed(byte[] b, int from, int to, Out out) {
    int i = from;
    while (i < to) {
      int nl = indexOfNewline(b, i, to);
      if (nl < 0) {
        keep(b, i, to);
        return;
      }
      if (partialBytes == 0) {
        int end = nl > i && b[nl - 1] == '\r' ? nl - 1 : nl;
        int length = end - i;
        offset += nl + 1 - i;
        out.line(Arrays.copyOfRange(b, i, i + Math.min(length, maxLine)), length > maxLine, offset);
      } else {
        keep(b, i, nl + 1);
        emitPending(out, true);
      }
      i = nl + 1;
    }
  }

  /** Hands over the held-back partial line as a line of its own (its file ended for good). */
  void flush(Out out) {
    if (partialBytes > 0) {
      emitPending(out, false);
    }
  }

  /** Forgets any partial line and continues at {@code newOffset} (a truncated or new file). */
  void restartAt(long newOffset) {
    pendingLength = 0;
    partialBytes = 0;
    overflowed = false;
    offset = newOffset;
  }

  /** Emits the pending bytes; with {@code terminated} they end with the LF (kept in the buffer when it fits). */
  private void emitPending(Out out, boolean terminated) {
    int length = pendingLength;
    if (!overflowed && terminated) {
      length--; // the LF
      if (length > 0 && pending[length - 1] == '\r') {
        length--;
      }
    }
    boolean cut = overflowed || length > maxLine;
    offset += partialBytes;
    byte[] line = Arrays.copyOf(pending, Math.min(length, maxLine));
    pendingLength = 0;
    partialBytes = 0;
    overflowed = false;
    if (pending.length > 64 * 1024) {
      pending = new byte[256]; // do not keep a huge buffer for the sake of one long line
    }
    out.line(line, cut, offset);
  }

  /** Keeps {@code b[from, to)} of the current line, up to the limit plus room for CR LF. */
  private void keep(byte[] b, int from, int to) {
    partialBytes += to - from;
    if (overflowed) {
      return;
    }
    int capacity = maxLine + 2;
    int room = capacity - pendingLength;
    int n = Math.min(room, to - from);
    if (pendingLength + n > pending.length) {
      pending = Arrays.copyOf(pending, Math.min(capacity, Math.max(pending.length * 2, pendingLength + n)));
    }
    System.arraycopy(b, from, pending, pendingLength, n);
    pendingLength += n;
    if (n < to - from) {
      overflowed = true;
    }
  }

  private static int indexOfNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
