package org.abuseloop.logs.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of an input stream (stdin) until its end, each handed over as soon as its LF was read.
 * {@link #run} is for one thread; {@link #close} is thread-safe and closes the stream, which ends a
 * blocked read on pipes and sockets (a terminal may only notice at the next line).
 */
final class StreamSource implements LogSource {

  private final String name;
  private final InputStream in;
  private final int maxLine;
  private volatile boolean closed;

  StreamSource(String name, InputStream in, int maxLine) {
    this.name = name;
    this.in = in;
    this.maxLine = maxLine;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void run(LineSink sink) throws IOException {
    LineSplitter splitter = new LineSplitter(maxLine, 0);
    long[] lines = {0};
    LineSplitter.Out out = (bytes, truncated, after) -> {
      lines[0]++;
      sink.line(new SourceLine(name, bytes, lines[0], Position.stream(after, lines[0]), truncated));
    };
    byte[] buf = new byte[64 * 1024];
    try {
      int n;
      while (!closed && (n = in.read(buf)) >= 0) {
        splitter.feed(buf, 0, n, out);
        sink.endOfBatch(Position.stream(splitter.offset(), lines[0]));
      }
      splitter.flush(out);
      sink.endOfBatch(Position.stream(splitter.offset(), lines[0]));
    } catch (IOException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      in.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
