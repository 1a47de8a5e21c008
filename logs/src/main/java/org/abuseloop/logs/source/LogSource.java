package org.abuseloop.logs.source;

import java.io.IOException;

/**
 * A live source of log lines (a followed file, the journal, a syslog socket, stdin), made by
 * {@link LogSources}. {@link #run} is called by one thread; {@link #close} may be called from any
 * thread, any number of times.
 */
public interface LogSource extends AutoCloseable {

  /** A name for logs and checkpoints: the file path, "journal", "syslog-udp:127.0.0.1:5514", "stdin". */
  String name();

  /**
   * Hands the source's lines to {@code sink}, in order, on the calling thread, until {@link #close()}
   * is called (then it returns normally). stdin also returns at the end of its stream. Throws when the
   * source fails for good (an unreadable file, a journalctl that exited by itself).
   */
  void run(LineSink sink) throws IOException, InterruptedException;

  /** Makes {@link #run} return promptly; never throws. */
  @Override
  void close();
}
