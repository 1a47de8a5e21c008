package org.abuseloop.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop firewall restore}: installs the table afresh and puts back every active stored
 * ban with its remaining time, the rate limits and the provider blocks (after a reboot or a
 * {@code nft flush ruleset}, without starting {@code watch}). One run per instance.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = "Install the table afresh with every active stored ban, rate limit and provider block.")
final class FirewallRestoreCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  FirewallOptions options;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    RuleChange change = new RuleChange(options, out);
    change.rebuild(change.rules());
    out.flush();
    return 0;
  }
}
