package org.abuseloop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.RangeBlock;
import org.abuseloop.store.BanStore;

/**
 * Puts back everything abuseloop keeps in force: installs the table afresh, re-applies every active
 * ban in the store with its remaining time, then the remembered rate limits and range blocks. One
 * run per call, on the caller's thread; thread-safe as the firewall is.
 */
final class FirewallRestore {

  private FirewallRestore() {}

  /** What one restore put back. */
  record Restored(int bans, int limits, int blocks, int prefixes) {}

  static Restored rebuild(Firewall firewall, BanStore bans, StandingRules rules, Path defaultRanges, Clock clock)
      throws IOException {
    firewall.install();
    Instant now = clock.instant();
    List<CompletableFuture<BanOutcome>> pending = new ArrayList<>();
    if (bans != null) {
      for (org.abuseloop.store.Ban b : bans.activeAt(now)) {
        pending.add(firewall.ban(b.target(), b.remainingAt(now)));
      }
    }
    int applied = 0;
    for (CompletableFuture<BanOutcome> f : pending) {
      BanOutcome o = f.join();
      if (o.status() == BanOutcome.Status.FAILED) {
        throw new IllegalStateException("cannot re-apply the ban of " + o.target() + ": " + o.detail());
      }
      applied += o.status() == BanOutcome.Status.APPLIED ? 1 : 0;
    }
    int prefixes = applyRules(firewall, rules, defaultRanges);
    return new Restored(applied, rules.limits().size(), rules.blocks().size(), prefixes);
  }

  /** Installs the remembered limits and blocks on an installed table; returns the prefixes blocked. */
  static int applyRules(Firewall firewall, StandingRules rules, Path defaultRanges) throws IOException {
    for (StandingRules.Limit l : rules.limits()) {
      firewall.rateLimit(new org.abuseloop.firewall.RateLimit(RuleText.port(l.port()), RuleText.rate(l.rate()), 65_536));
    }
    int prefixes = 0;
    for (StandingRules.Block b : rules.blocks()) {
      RangeBlock block = ProviderBlock.build(b, defaultRanges);
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
