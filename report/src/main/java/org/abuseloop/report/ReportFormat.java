package org.abuseloop.report;

import java.util.Optional;

/**
 * One way of writing an {@link AbuseReport} down for an abuse desk or a reporting service: X-ARF,
 * a mail, IODEF, AbuseIPDB, a CSV or plain text. Implementations are immutable and thread-safe.
 *
 * <p>A format may refuse a report it cannot carry faithfully (a UDP-only incident for AbuseIPDB, a
 * login attack for ARF, a report without the fields X-ARF requires): {@link #refusal} says why, and
 * {@link #render} then throws rather than write something invalid or misleading.
 */
public interface ReportFormat {

  /** The name the command line uses, e.g. {@code xarf-mail}. */
  String id();

  /** The file name extension of one rendered report, with its dot, e.g. {@code .eml}. */
  String extension();

  /** Why this format cannot carry {@code report}, or empty when it can. */
  Optional<String> refusal(AbuseReport report);

  /**
   * The report in this format.
   *
   * @throws IllegalArgumentException when {@link #refusal} gives a reason
   */
  String render(AbuseReport report);

  /** Throws with the refusal's reason when there is one (for {@link #render}). */
  default void requireAccepted(AbuseReport report) {
    refusal(report).ifPresent(reason -> {
      throw new IllegalArgumentException(id() + " cannot carry the report for " + report.source() + ": " + reason);
    });
  }
}
