package org.abuseloop.intel;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.abuseloop.core.IpAddress;

/**
 * A {@link ContactCache} in memory for one run, holding at most a fixed number of entries (the
 * soonest to expire go first). Thread-safe: every method locks the instance.
 */
public final class MemoryContactCache implements ContactCache {

  /** How many entries below the address a lookup looks at for one that holds it. */
  private static final int SCAN = 64;

  private final int capacity;
  private final Map<String, TreeMap<IpAddress, CachedContact>> byRegistry = new HashMap<>();
  private int size;

  public MemoryContactCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized Optional<CachedContact> find(String registry, IpAddress address, Instant now) {
    TreeMap<IpAddress, CachedContact> ranges = byRegistry.get(registry);
    if (ranges == null) {
      return Optional.empty();
    }
    int looked = 0;
    for (CachedContact c : ranges.headMap(address, true).descendingMap().values()) {
      if (looked++ == SCAN) {
        break;
      }
      if (c.holds(address) && c.expires().isAfter(now)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized void put(CachedContact entry) {
    TreeMap<IpAddress, CachedContact> ranges = byRegistry.computeIfAbsent(entry.registry(), r -> new TreeMap<>());
    CachedContact old = ranges.put(entry.first(), entry);
    if (old == null && ++size > capacity) {
      evictSoonestToExpire();
    }
  }

  /** Entries held. */
  public synchronized int size() {
    return size;
  }

  private void evictSoonestToExpire() {
    NavigableMap<IpAddress, CachedContact> from = null;
    CachedContact victim = null;
    for (TreeMap<IpAddress, CachedContact> ranges : byRegistry.values()) {
      for (CachedContact c : ranges.values()) {
        if (victim == null || c.expires().isBefore(victim.expires())) {
          victim = c;
          from = ranges;
        }
      }
    }
    if (from != null) {
      from.remove(victim.first());
      size--;
    }
  }
}
