package org.abuseloop.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.store.FirewallChange;
import org.abuseloop.store.Store;
import org.abuseloop.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop firewall remove [--forget]}: deletes abuseloop's table (or ipset sets and
 * iptables rules) with every ban, rate limit and range block in it; the store keeps the bans'
 * history and notes the removal, which pauses a running {@code watch} (it records bans without
 * applying them until {@code firewall restore}). One run per instance.
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
    description = "Delete abuseloop's table, sets and rules (bans stay recorded in the store).")
final class FirewallRemoveCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  FirewallOptions options;

  @Option(names = "--forget", description = "also forget the remembered rate limits and provider blocks")
  boolean forget;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Clock clock = Clock.systemUTC();
    if (!options.firewall().dryRun()) {
      // Noted first: a running watch that looks between the two pauses at once instead of reinstalling.
      try (Store store = options.openStore()) {
        store.firewallChanges().note(FirewallChange.Kind.REMOVE, null, clock.instant());
      } catch (StoreException e) {
        // The table goes all the same, as asked; only a running watch cannot learn of it.
        spec.commandLine().getErr().println("abuseloop: " + e.getMessage()
            + "; removing the table anyway, but a running watch will install it again");
      }
    }
    try (Firewall firewall = options.open(System.out, clock)) {
      firewall.remove();
    }
    if (forget && !options.firewall().dryRun()) {
      StandingRules.none().save(options.stateDir());
    }
    out.println((options.firewall().dryRun() ? "would remove table " : "removed table ") + options.firewall().table()
        + (forget ? "; rate limits and provider blocks forgotten" : ""));
    out.flush();
    return 0;
  }
}
