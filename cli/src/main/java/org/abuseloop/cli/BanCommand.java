package org.abuseloop.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.abuseloop.cli.watch.ActionLog;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.detect.DurationText;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop ban ADDR|CIDR [--for 1h]}: bans a source by hand, recorded in the store (so that
 * {@code watch} re-applies it after a restart) and added to the firewall's set; refused for
 * allow-listed, loopback, private and this host's addresses. One run per instance.
 */
@Command(name = "ban", mixinStandardHelpOptions = true,
    description = "Ban an address or prefix now: stored in the state's store and added to the firewall.")
final class BanCommand implements Callable<Integer> {

  /** The scenario name manual bans are stored under. */
  static final String SCENARIO = "manual";

  @Spec
  CommandSpec spec;

  @Mixin
  FirewallOptions options;

  @Parameters(paramLabel = "ADDR|CIDR", description = "an address (203.0.113.9) or prefix (203.0.113.0/24, 2001:db8::/64)")
  String target;

  @Option(names = "--for", paramLabel = "DURATION", defaultValue = "1h", description = "how long (500ms, 90s, 10m, 1h, 7d; default ${DEFAULT-VALUE})")
  String length;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    IpPrefix prefix = Targets.parse(target, err);
    Duration d = DurationText.parse(length);
    if (prefix == null) {
      return 2;
    }
    if (d == null || d.isNegative() || d.isZero()) {
      err.println("abuseloop: --for: expected a positive duration such as 90s, 10m, 1h or 7d, got '" + length + "'");
      return 2;
    }
    Optional<String> refusal = options.allowList().refusal(prefix);
    if (refusal.isPresent()) {
      err.println("abuseloop: refused to ban " + Targets.text(prefix) + ": " + refusal.get());
      return 2;
    }
    Clock clock = Clock.systemUTC();
    boolean dry = options.firewall().dryRun();
    int offenses = 0;
    try (Store store = dry ? null : Store.open(options.storeUrl());
        Firewall firewall = options.open(System.out, clock)) {
      if (store != null) {
        offenses = store.bans().recordByHand(prefix, SCENARIO, clock.instant(), d).offenses();
      }
      BanOutcome outcome = firewall.ban(prefix, d).join();
      if (outcome.status() == BanOutcome.Status.FAILED && store != null) {
        // Most often the table is not there (no watch ran since boot): put everything back, this ban included.
        FirewallRestore.report(FirewallRestore.rebuild(firewall, store, StandingRules.load(options.stateDir()),
            StateDirectory.ranges(options.stateDir()), clock), out);
      } else if (outcome.status() == BanOutcome.Status.FAILED) {
        err.println("abuseloop: cannot ban " + Targets.text(prefix) + ": " + outcome.detail());
        return 2;
      }
    }
    if (!dry) {
      ActionLog.ban(prefix, d, SCENARIO, offenses);
    }
    out.println((dry ? "would ban " : "banned ") + Targets.text(prefix) + " for " + length);
    out.flush();
    return 0;
  }
}
