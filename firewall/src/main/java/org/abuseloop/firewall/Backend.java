package org.abuseloop.firewall;

import java.util.List;

/**
 * One firewall technology (nftables, ipset + iptables) seen from {@link BatchedFirewall}: it turns
 * set changes, rate limits and range blocks into commands. Implementations are thread-safe: the
 * batcher's thread and callers of the other methods may use them at the same time.
 */
interface Backend extends AutoCloseable {

  /** Creates the table, sets and chains afresh, accepting {@code allow} before any drop. */
  void install(AllowList allow);

  /**
   * Creates the table afresh with these limits and blocks (replacing the ones known) and the ban
   * changes, in one transaction where the technology has them.
   */
  void install(AllowList allow, List<RateLimit> limits, List<RangeBlock> blocks, List<SetChange> bans);

  /** True while what install created is still in the kernel; true when the backend cannot tell. */
  default boolean isInstalled() {
    return true;
  }

  /** Deletes everything install created. */
  void remove();

  /** Applies the changes as one transaction; {@link ChangeRejected} when the kernel refused them. */
  void apply(List<SetChange> changes);

  /** Installs or replaces the per-source limit on the limit's port. */
  void rateLimit(RateLimit limit);

  /** Installs or atomically replaces the named block. */
  void blockRanges(RangeBlock block);

  /** Removes the named block if present. */
  void dropRanges(String name);

  /** Stops the command process, if any. */
  @Override
  void close();
}
