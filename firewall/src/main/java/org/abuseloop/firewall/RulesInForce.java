package org.abuseloop.firewall;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate limits (by port) and range blocks (by name) a backend has in force, in the order they came, from
 * which it rebuilds its chains whenever one changes. Not thread-safe: each backend guards its own with its lock.
 */
final class RulesInForce {

  private final Map<String, RangeBlock> blocks = new LinkedHashMap<>();
  private final Map<Port, RateLimit> limits = new LinkedHashMap<>();

  /** Forgets what was in force and takes {@code newLimits} and {@code newBlocks} instead (a reinstall). */
  void replace(List<RateLimit> newLimits, List<RangeBlock> newBlocks) {
    limits.clear();
    newLimits.forEach(this::limit);
    blocks.clear();
    newBlocks.forEach(this::block);
  }

  /** Puts {@code limit} in force for its port, replacing the port's earlier one. */
  void limit(RateLimit limit) {
    limits.put(limit.port(), limit);
  }

  /** Puts {@code block} in force under its name; returns the block it replaced, or null. */
  RangeBlock block(RangeBlock block) {
    return blocks.put(block.name(), block);
  }

  /** Takes the block named {@code name} out of force; false when there was none. */
  boolean unblock(String name) {
    return blocks.remove(name) != null;
  }

  /** The blocks in force, oldest first. */
  Collection<RangeBlock> blocks() {
    return blocks.values();
  }

  /** The limits in force, oldest first. */
  Collection<RateLimit> limits() {
    return limits.values();
  }
}
