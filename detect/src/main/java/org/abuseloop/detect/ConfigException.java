package org.abuseloop.detect;

import java.util.List;

/**
 * A scenario configuration that cannot be used, with every problem found, each named by its YAML path
 * ({@code scenarios[2].window: must be positive}). Nothing starts with a bad configuration; immutable once thrown.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  ConfigException(String origin, List<String> problems) {
    super(origin + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code path: message}. */
  public List<String> problems() {
    return problems;
  }
}
