package org.abuseloop.logs;

/**
 * The frame around a service's message in a log line: the timestamp and, for syslog, the host and
 * the program. Each implementation reads one family of frames. Stateless and thread-safe; the time
 * state lives in the {@link TimeReader} passed in.
 */
public interface Envelope {

  /** A short name for summaries and errors ({@code syslog}, {@code asterisk}, {@code dated}). */
  String name();

  /**
   * Reads the frame of the line that {@code m} spans: on success sets the message's time, program and
   * bounds (to the message alone) and returns true; on failure returns false and leaves the bounds.
   */
  boolean read(Message m, TimeReader time);
}
