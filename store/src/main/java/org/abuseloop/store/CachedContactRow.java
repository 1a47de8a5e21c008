package org.abuseloop.store;

import java.time.Instant;
import org.abuseloop.core.IpAddress;

/**
 * One row of the RDAP contact cache: for {@code first..last}, registry {@code registry} gave this
 * abuse contact (null: none) until {@code expires}. Immutable and thread-safe.
 */
public record CachedContactRow(String registry, IpAddress first, IpAddress last, String contact, String reason,
                               String answeredBy, Instant fetched, Instant expires) {}
