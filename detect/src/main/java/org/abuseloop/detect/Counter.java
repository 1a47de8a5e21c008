package org.abuseloop.detect;

/**
 * One key's state under one scenario: primitive fields and arrays of millisecond timestamps, never
 * events. Not thread-safe; times passed in never go backwards for one counter (the caller clamps).
 */
abstract sealed class Counter permits WindowCounter, LeakyBucket, DistinctCounter {

  /** The time of the first event of the current burst. */
  abstract long since();

  /** The events of the current burst. */
  abstract long events();

  /** How close the rule is to firing, 0 to 1: the part of the threshold or of the capacity filled. */
  abstract double progress(Rule rule);

  /** Forgets everything, as if no event had come. */
  abstract void reset();
}
