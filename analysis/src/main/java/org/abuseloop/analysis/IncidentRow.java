package org.abuseloop.analysis;

import java.time.Instant;

/**
 * One incident as the analysis page lists it: scenario, source (address or prefix), its owner, first
 * and last event, count, rate and a short description of the targets.
 */
public record IncidentRow(String scenario, String source, String provider, String region, Instant first, Instant last,
    long count, double ratePerMinute, String targets, boolean active) {}
