package org.abuseloop.intel;

import java.util.Optional;
import java.time.Instant;
import org.abuseloop.core.IpAddress;

/**
 * Where RDAP answers are remembered, per registry and network range, until they expire; the
 * store keeps them across runs (wired by cli), {@link MemoryContactCache} for one run.
 * Implementations must be thread-safe.
 */
public interface ContactCache {

  /**
   * The entry of {@code registry} whose range holds {@code address} and that has not expired at
   * {@code now}; the narrowest when several do.
   */
  Optional<CachedContact> find(String registry, IpAddress address, Instant now);

  /** Remembers an answer, replacing one of the same registry and range. */
  void put(CachedContact entry);
}
