package org.abuseloop.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.abuseloop.firewall.Firewall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop firewall remove [--forget]}: deletes abuseloop's table (or ipset sets and
 * iptables rules) with every ban, rate limit and range block in it; the store keeps the bans'
 * history. One run per instance.
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
    try (Firewall firewall = options.open(System.out, Clock.systemUTC())) {
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
