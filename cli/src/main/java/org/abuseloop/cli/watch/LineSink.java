package org.abuseloop.cli.watch;

/**
 * STAND-IN until branch {@code follow} lands {@code org.abuseloop.logs.source.LineSink}: where a
 * source delivers its lines, then the end of each batch read. Called from the source's thread only.
 */
interface LineSink {

  /** One complete line. */
  void line(SourceLine line);

  /** The lines delivered so far end a batch; {@code position} (null when the source has none) resumes after them. */
  void endOfBatch(Position position);
}
