package org.abuseloop.logs.conformance;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One annotated line of a fail2ban sample log: the line as the harness feeds it (prefix applied),
 * whether fail2ban expects a match, the host it names, the local time it expects (or null) and the
 * filter modes the annotation holds for ({@code ""} for the filter's default mode).
 */
public record Fail2banSample(String file, int corpusLine, String text, boolean match, String host, LocalDateTime time,
    List<String> modes) {

  /** fail2ban's most inclusive filter mode: every other mode's matches are among its matches. */
  public static final String AGGRESSIVE = "aggressive";

  /** True when the annotation holds for the aggressive mode. */
  public boolean forAggressive() {
    return modes.contains(AGGRESSIVE);
  }

  @Override
  public String toString() {
    return file + ":" + corpusLine + " " + (match ? "match " + host : "no match") + ": " + text;
  }
}
