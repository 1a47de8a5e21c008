package org.abuseloop.bench.reaction;

import java.nio.file.Path;

/**
 * A tool under test: started inside the benchmark's namespace to follow one log file and ban in one
 * nftables table, then stopped. Implementations are used by one benchmark thread.
 */
interface Contender extends AutoCloseable {

  /** The name in the results, e.g. {@code abuseloop watch}. */
  String name();

  /** The nftables table (family inet) its bans land in. */
  String table();

  /** Starts the tool on {@code log} with {@code work} as its private directory; returns once it is ready. */
  void start(Path log, Path work) throws Exception;

  /** What the tool printed (its last lines), for the report when something went wrong. */
  String tail();

  /** Stops the tool and every process it started. */
  @Override
  void close();
}
