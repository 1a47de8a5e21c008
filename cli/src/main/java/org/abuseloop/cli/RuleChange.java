package org.abuseloop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.FirewallException;
import org.abuseloop.store.Store;

/**
 * One change of the remembered rate limits and provider blocks: saves the new rules in the state
 * directory (not in a dry run) and brings the firewall in line, in place when the table is there,
 * by a full restore otherwise. Not thread-safe: one per command run.
 */
final class RuleChange {

  private final FirewallOptions options;
  private final PrintWriter out;
  private StandingRules current;

  RuleChange(FirewallOptions options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /**
   * After {@code ranges update}: rebuilds the remembered provider blocks of {@code state} from the new
   * range files, in the backend and table they were installed in. Does nothing when there are none.
   *
   * @return the number of blocks rebuilt
   */
  static int afterRangesUpdate(Path state, PrintWriter out) throws IOException {
    StandingRules rules = StandingRules.load(state);
    if (rules.blocks().isEmpty()) {
      return 0;
    }
    FirewallOptions saved = new FirewallOptions();
    saved.state = state;
    saved.backend = rules.backend();
    saved.table = rules.table();
    saved.netns = rules.netns();
    new RuleChange(saved, out).apply(rules);
    for (StandingRules.Block b : rules.blocks()) {
      out.println("rebuilt block " + b.name() + " from the updated " + b.provider() + " ranges");
    }
    return rules.blocks().size();
  }

  /** The rules remembered now. */
  StandingRules rules() throws IOException {
    if (current == null) {
      current = StandingRules.load(options.stateDir());
    }
    return current;
  }

  /**
   * Saves {@code rules} and installs them into the existing table (rate-limit and range chains are
   * rebuilt from the full list); restores everything when that fails, e.g. when there is no table.
   */
  void apply(StandingRules rules) throws IOException {
    StandingRules saved = save(rules);
    Path ranges = StateDirectory.ranges(options.stateDir());
    try (Firewall firewall = options.open(System.out, Clock.systemUTC())) {
      try {
        FirewallRestore.applyRules(firewall, saved, ranges);
        return;
      } catch (FirewallException e) {
        // No table yet, or a set defined differently before: start from a fresh table.
      }
      restore(firewall, saved);
    }
  }

  /** Saves {@code rules} and restores the whole table with them (needed to take a rule away). */
  void rebuild(StandingRules rules) throws IOException {
    StandingRules saved = save(rules);
    try (Firewall firewall = options.open(System.out, Clock.systemUTC())) {
      restore(firewall, saved);
    }
  }

  private void restore(Firewall firewall, StandingRules rules) throws IOException {
    Path ranges = StateDirectory.ranges(options.stateDir());
    if (options.firewall().dryRun()) {
      FirewallRestore.report(FirewallRestore.rebuild(firewall, null, rules, ranges, Clock.systemUTC()), out);
      return;
    }
    try (Store store = Store.open(options.storeUrl())) {
      FirewallRestore.report(FirewallRestore.rebuild(firewall, store, rules, ranges, Clock.systemUTC()), out);
    }
  }

  private StandingRules save(StandingRules rules) throws IOException {
    var f = options.firewall();
    StandingRules placed = rules.in(f.backend().name().toLowerCase(java.util.Locale.ROOT), f.table(), options.netns);
    if (!f.dryRun()) {
      placed.save(options.stateDir());
    }
    current = placed;
    return placed;
  }
}
