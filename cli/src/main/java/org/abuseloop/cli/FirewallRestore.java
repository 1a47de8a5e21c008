package org.abuseloop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.abuseloop.firewall.Ban;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.RangeBlock;
import org.abuseloop.firewall.Ruleset;
import org.abuseloop.store.FirewallChange;
import org.abuseloop.store.Store;

/**
 * Puts back everything abuseloop keeps in force: installs the table afresh with every active ban in
 * the store (its remaining time), the remembered rate limits and range blocks, in one transaction
 * (nftables), and notes the rebuild in the store for a running {@code watch}. One run per call, on the
 * caller's thread; thread-safe as the firewall is.
 */
final class FirewallRestore {

  private FirewallRestore() {}

  /** What one restore put back. */
  record Restored(int bans, int limits, int blocks, int prefixes) {}

  /** {@code store} null (a dry run) restores no ban and notes nothing. */
  static Restored rebuild(Firewall firewall, Store store, StandingRules rules, Path defaultRanges, Clock clock)
      throws IOException {
    Instant now = clock.instant();
    Ruleset ruleset = RememberedRules.ruleset(rules, defaultRanges);
    List<Ban> bans = store == null ? List.of()
        : store.bans().activeAt(now).stream().map(b -> new Ban(b.target(), b.created(), b.expires())).toList();
    int applied = firewall.reinstall(ruleset.withBans(bans));
    if (store != null) {
      store.firewallChanges().note(FirewallChange.Kind.REBUILD, null, now);
    }
    int prefixes = ruleset.blocks().stream().mapToInt(b -> b.prefixes().size()).sum();
    return new Restored(applied, ruleset.limits().size(), ruleset.blocks().size(), prefixes);
  }

  /** Installs the remembered limits and blocks on an installed table; returns the prefixes blocked. */
  static int applyRules(Firewall firewall, StandingRules rules, Path defaultRanges) throws IOException {
    Ruleset ruleset = RememberedRules.ruleset(rules, defaultRanges);
    ruleset.limits().forEach(firewall::rateLimit);
    int prefixes = 0;
    for (RangeBlock block : ruleset.blocks()) {
      firewall.blockRanges(block);
      prefixes += block.prefixes().size();
    }
    return prefixes;
  }

  /** Prints what a restore did. */
  static void report(Restored r, PrintWriter out) {
    out.printf("restored %d bans, %d rate limits, %d range blocks (%,d prefixes)%n", r.bans(), r.limits(), r.blocks(), r.prefixes());
  }
}
