package org.abuseloop.detect;

/** The kinds of rule a scenario can be; the YAML names them in lower case. Immutable and thread-safe. */
public enum ScenarioType {
  /** N matching events from one source within a sliding window (fail2ban's maxretry / findtime). */
  THRESHOLD,
  /**
   * A leaky bucket (CrowdSec's): each event adds one, the bucket leaks one per interval, and the event
   * that does not fit in {@code capacity} overflows it. Catches slow, steady guessing.
   */
  LEAKY,
  /** N distinct values (users, target ports or target addresses) from one source within a window. */
  DISTINCT
}
