package org.abuseloop.cli.watch;

import java.util.List;

/**
 * A watch configuration that cannot be used, with every problem found, each as {@code path: message
 * (line L, column C)}; nothing starts with it. Immutable once thrown.
 */
public final class WatchConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String origin;
  private final transient List<String> problems;

  WatchConfigException(String origin, List<String> problems) {
    super(origin + ": " + String.join("; ", problems));
    this.origin = origin;
    this.problems = List.copyOf(problems);
  }

  /** The file (or other origin) the configuration came from. */
  public String origin() {
    return origin;
  }

  /** Each problem as {@code path: message}, with the line and column when the parser gave them. */
  public List<String> problems() {
    return problems;
  }
}
