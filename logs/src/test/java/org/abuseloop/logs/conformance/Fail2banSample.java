package org.abuseloop.logs.conformance;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One annotated line of a fail2ban sample log: the line as the harness feeds it (prefix applied),
 * whether fail2ban expects a match, the host it names and the local time it expects (or null), the
 * filter runs ({@code # filterOptions:}) it stands under and its {@code constraint}, if any.
 */
public record Fail2banSample(String file, int corpusLine, String text, boolean match, String host, LocalDateTime time,
    List<Run> runs, String constraint) {

  /** One filter run of fail2ban's harness: the filter mode ({@code normal} by default) and the run's own condition. */
  public record Run(String mode, String condition) {}

  @Override
  public String toString() {
    return file + ":" + corpusLine + " " + (match ? "match " + host : "no match") + ": " + text;
  }
}
