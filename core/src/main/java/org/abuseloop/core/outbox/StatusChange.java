package org.abuseloop.core.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a report's history: the status it moved to, when, and why. Immutable and thread-safe.
 *
 * @param reportId the report
 * @param status the status it moved to
 * @param at when
 * @param note why (an SMTP answer, a reply's sender and subject), possibly empty
 */
public record StatusChange(UUID reportId, ReportStatus status, Instant at, String note) {}
