package org.abuseloop.logs;

import java.io.IOException;
import java.io.InputStream;
import org.abuseloop.core.Event;

/**
 * One log stream parsed on demand: each {@link #next()} reads lines until one is an attack and
 * returns its event, so a caller can interleave several streams without holding any of them in
 * memory. Not thread-safe: one reader at a time; closing it closes the stream.
 */
public final class ParseCursor implements EventCursor {

  private final InputStream in;
  private final LineReader reader;
  private final LineParser parser;
  private final ParseStats stats = new ParseStats();

  ParseCursor(InputStream in, LineReader reader, LineParser parser, LogFormat format) {
    this.in = in;
    this.reader = reader;
    this.parser = parser;
    stats.setFormat(format);
  }

  /** The next event of the stream, or null at its end. */
  @Override
  public Event next() throws IOException {
    return nextEvent(reader, parser, stats);
  }

  /**
   * The line loop shared with {@link LogParser}'s whole-stream and chunked parse: reads lines, counting
   * each in {@code stats}, until one gives an event (returned) or the reader ends (null).
   */
  static Event nextEvent(LineReader reader, LineParser parser, ParseStats stats) throws IOException {
    while (reader.next()) {
      stats.countLine();
      if (reader.overlong()) {
        stats.countOverlong();
        continue;
      }
      Event e = parser.parse(reader.buffer(), reader.start(), reader.end(), reader.number(), reader.offset());
      if (e == null) {
        stats.countUnrecognised();
      } else {
        stats.countEvent(e);
        return e;
      }
    }
    return null;
  }

  /** The counts of the lines read so far (all of them once {@link #next()} returned null). */
  public ParseStats stats() {
    return stats;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
