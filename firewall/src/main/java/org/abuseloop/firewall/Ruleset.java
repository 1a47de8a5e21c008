package org.abuseloop.firewall;

import java.util.List;

/**
 * Everything abuseloop keeps in its table besides the allow list: the per-port rate limits, the
 * blocks of ranges and the bans (each with its end), as {@link Firewall#reinstall} puts them back.
 * Immutable and thread-safe.
 *
 * @param limits the rate limits, one per port
 * @param blocks the range blocks, one per name
 * @param bans the bans; those already ended are left out
 */
public record Ruleset(List<RateLimit> limits, List<RangeBlock> blocks, List<Ban> bans) {

  public Ruleset {
    limits = List.copyOf(limits);
    blocks = List.copyOf(blocks);
    bans = List.copyOf(bans);
  }

  /** These limits and blocks with {@code others} as the bans. */
  public Ruleset withBans(List<Ban> others) {
    return new Ruleset(limits, blocks, others);
  }

  /** No limit, no block, no ban. */
  public static Ruleset empty() {
    return new Ruleset(List.of(), List.of(), List.of());
  }
}
