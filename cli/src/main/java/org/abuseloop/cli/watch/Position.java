package org.abuseloop.cli.watch;

/**
 * STAND-IN until branch {@code follow} lands {@code org.abuseloop.logs.source.Position}: where a
 * source resumes, as text that survives a restart. Immutable and thread-safe.
 */
interface Position {

  /** The position as text, for the store. */
  String toText();

  /** The position written by {@link #toText()}. */
  static Position parse(String text) {
    return () -> text;
  }
}
