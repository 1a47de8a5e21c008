package org.abuseloop.cli.watch;

/**
 * STAND-IN until branch {@code follow} lands {@code org.abuseloop.logs.source.LogSource}: a source of
 * log lines that runs on the calling thread until closed. Implementations are thread-safe for
 * {@link #close()} only.
 */
interface LogSource extends AutoCloseable {

  /** The source's stable name. */
  String name();

  /** Reads lines into {@code sink} until closed; returns when closed or the input ended. */
  void run(LineSink sink) throws Exception;

  /** Stops {@link #run}; may be called from any thread. */
  @Override
  void close();
}
