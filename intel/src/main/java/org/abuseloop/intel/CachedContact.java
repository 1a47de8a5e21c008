package org.abuseloop.intel;

import java.time.Instant;
import java.util.Objects;
import org.abuseloop.core.IpAddress;

/**
 * One remembered RDAP answer: for the addresses {@code first..last} the registry gave this abuse
 * contact (or none: a negative answer), valid until {@code expires}. Immutable and thread-safe.
 *
 * @param registry the bootstrap base URL that was asked (the cache key with the range)
 * @param first the first address of the range
 * @param last the last address of the range
 * @param contact the abuse e-mail, or null for a negative answer
 * @param reason the answer in words, as {@link ContactAnswer#reason()} gave it
 * @param answeredBy the URL that answered (after redirects), or null
 * @param fetched when the registry was asked
 * @param expires when the entry stops counting
 */
public record CachedContact(String registry, IpAddress first, IpAddress last, String contact, String reason,
                            String answeredBy, Instant fetched, Instant expires) {

  public CachedContact {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(fetched, "fetched");
    Objects.requireNonNull(expires, "expires");
    if (first.isIPv4() != last.isIPv4() || first.compareTo(last) > 0) {
      throw new IllegalArgumentException("not a range: " + first + " .. " + last);
    }
  }

  /** True when the range holds {@code a}. */
  public boolean holds(IpAddress a) {
    return NetworkRange.holds(first, last, a);
  }
}
