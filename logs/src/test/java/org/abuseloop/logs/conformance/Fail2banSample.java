package org.abuseloop.logs.conformance;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One annotated line of a fail2ban sample log: the line as the harness feeds it (prefix applied),
 * whether fail2ban expects a match, the host it names, the local time it expects (or null), the
 * filter runs ({@code # filterOptions:}) it stands under and its {@code constraint}, if any.
 */
public record Fail2banSample(String file, int corpusLine, String text, boolean match, String host, LocalDateTime time,
    List<Run> runs, String constraint) {

  /** fail2ban's most inclusive filter mode: every other mode's matches are among its matches. */
  public static final String AGGRESSIVE = "aggressive";

  /**
   * One filter run of fail2ban's harness: the filter mode ({@code ""} for the filter's default mode)
   * and the run's own {@code test.condition}, or null.
   */
  public record Run(String mode, String condition) {}

  /** The filter modes the annotation holds for ({@code ""} for the filter's default mode). */
  public List<String> modes() {
    return runs.stream().map(Run::mode).toList();
  }

  /** True when the annotation holds for the aggressive mode. */
  public boolean forAggressive() {
    return modes().contains(AGGRESSIVE);
  }

  @Override
  public String toString() {
    return file + ":" + corpusLine + " " + (match ? "match " + host : "no match") + ": " + text;
  }
}
