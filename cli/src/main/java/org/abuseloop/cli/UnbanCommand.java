package org.abuseloop.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.cli.watch.ActionLog;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop unban ADDR|CIDR}: lifts the ban of a source and of every stored ban inside it,
 * in the store and in the firewall. One run per instance.
 */
@Command(name = "unban", mixinStandardHelpOptions = true,
    description = "Lift the ban of an address or prefix, and of every ban inside a prefix.")
final class UnbanCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  FirewallOptions options;

  @Parameters(paramLabel = "ADDR|CIDR", description = "the banned address or prefix")
  String target;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    IpPrefix prefix = Targets.parse(target, spec.commandLine().getErr());
    if (prefix == null) {
      return 2;
    }
    Clock clock = Clock.systemUTC();
    Instant now = clock.instant();
    boolean dry = options.firewall().dryRun();
    List<IpPrefix> lifted = new ArrayList<>();
    try (Store store = dry ? null : Store.open(options.storeUrl());
        Firewall firewall = options.open(System.out, clock)) {
      List<IpPrefix> targets = new ArrayList<>(List.of(prefix));
      if (store != null) {
        for (org.abuseloop.store.Ban b : store.bans().activeAt(now)) {
          if (b.target().length() >= prefix.length() && prefix.contains(b.target().network()) && !b.target().equals(prefix)) {
            targets.add(b.target());
          }
        }
        for (IpPrefix t : targets) {
          if (store.bans().removeByHand(t, now)) {
            lifted.add(t);
          }
        }
      }
      if (!lift(firewall, targets) && store != null) {
        // The table is missing or the ban was not where expected: rebuild from the store, which no longer holds it.
        FirewallRestore.report(FirewallRestore.rebuild(firewall, store, StandingRules.load(options.stateDir()),
            StateDirectory.ranges(options.stateDir()), clock), out);
      }
    }
    for (IpPrefix t : lifted) {
      ActionLog.unban(t, "manual");
    }
    out.println((dry ? "would unban " : "unbanned ") + Targets.text(prefix)
        + (lifted.size() > 1 ? " and " + (lifted.size() - 1) + " bans inside it" : lifted.isEmpty() && !dry ? " (no ban in the store)" : ""));
    out.flush();
    return 0;
  }

  /**
   * Deletes each target from the firewall's sets. A fresh process's ban list is empty, so each target
   * is first put in it (an idempotent add of the element) and then removed; false when any step failed.
   */
  private static boolean lift(Firewall firewall, List<IpPrefix> targets) {
    boolean ok = true;
    for (IpPrefix t : targets) {
      BanOutcome added = firewall.ban(t, Duration.ofMinutes(1)).join();
      if (added.status() == BanOutcome.Status.REFUSED) {
        ok = false; // an allow-listed target cannot be in our sets unless the allow list changed: rebuild
        continue;
      }
      ok &= firewall.unban(t).join().status() == BanOutcome.Status.APPLIED;
    }
    return ok;
  }
}
