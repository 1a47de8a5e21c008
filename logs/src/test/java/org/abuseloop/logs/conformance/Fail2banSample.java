package org.abuseloop.logs.conformance;

import java.time.LocalDateTime;

/**
 * One annotated line of a fail2ban sample log: the line as the harness feeds it (prefix applied),
 * whether fail2ban expects a match, the host it names and the local time it expects (or null).
 */
public record Fail2banSample(String file, int corpusLine, String text, boolean match, String host, LocalDateTime time) {

  @Override
  public String toString() {
    return file + ":" + corpusLine + " " + (match ? "match " + host : "no match") + ": " + text;
  }
}
