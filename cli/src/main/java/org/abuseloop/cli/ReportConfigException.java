package org.abuseloop.cli;

import java.util.List;

/**
 * A {@code report:} section that cannot be used, with every problem found, each as {@code path: message
 * (line L, column C)}. Immutable once thrown.
 */
final class ReportConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String origin;
  private final transient List<String> problems;

  ReportConfigException(String origin, List<String> problems) {
    super(origin + ": " + String.join("; ", problems));
    this.origin = origin;
    this.problems = List.copyOf(problems);
  }

  String origin() {
    return origin;
  }

  List<String> problems() {
    return problems;
  }
}
