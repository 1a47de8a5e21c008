package org.abuseloop.logs;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;

/**
 * Turns the message of one line written by one service into at most one {@link Event}. A parser
 * recognises its messages by fixed anchors and byte scans (no backtracking regular expressions) and
 * takes the source only from the position the service writes it. Implementations are stateless and
 * thread-safe, except the per-source instances that {@link #forSource()} may hand out, which belong to
 * one source and its thread.
 */
public interface ServiceParser {

  Service service();

  /** Every family this parser can produce. */
  List<Family> families();

  /** The event this message reports, or null when it is not an attack line this parser knows. */
  Event parse(Message message);

  /**
   * The parser one source (one file, one stream) should use: this one for a stateless parser; a fresh
   * instance for a parser that follows a connection across the lines of one source (sshd logs the
   * client's address on some lines of a connection and not on others).
   */
  default ServiceParser forSource() {
    return this;
  }

  /**
   * True when the events of a {@link #forSource()} instance may depend on the earlier lines of its
   * source (sshd's connection memory), so a source cut into chunks must be read in order; false for
   * a per-source instance that only remembers work it could redo (a cache), whose events are those of
   * the shared instance.
   */
  default boolean followsEarlierLines() {
    return true;
  }
}
