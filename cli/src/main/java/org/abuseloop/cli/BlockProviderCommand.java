package org.abuseloop.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.abuseloop.firewall.RangeBlock;
import org.abuseloop.intel.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop firewall block-provider aws [--region R] [--service EC2] [--port udp/5060]
 * [--ratelimit 3/60s] [--ranges DIR]}: an interval set of the provider's published prefixes (read
 * by the intel module from the range files), dropping or rate limiting their traffic. The
 * definition is remembered in the state directory, so {@code ranges update} rebuilds the set from
 * the new ranges. One run per instance.
 */
@Command(name = "block-provider", mixinStandardHelpOptions = true,
    description = {"Drop (or rate limit) traffic from a provider's published ranges.",
        "Rebuilt by 'abuseloop ranges update' whenever the ranges change."})
final class BlockProviderCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  FirewallOptions options;

  @Parameters(paramLabel = "PROVIDER", description = "aws, azure, gcp, oracle, digitalocean, linode, cloudflare")
  String provider;

  @Option(names = "--region", paramLabel = "R", description = "only this region (eu-west-1, westeurope ...)")
  String region;

  @Option(names = "--service", paramLabel = "S", description = "only ranges serving this (EC2, AzureCloud ...)")
  String service;

  @Option(names = "--port", paramLabel = "PROTO/PORT", description = "only this port (udp/5060); default all traffic")
  String port;

  @Option(names = "--ratelimit", paramLabel = "RATE", description = "drop only beyond this rate per source (3/60s); default drop all")
  String ratelimit;

  @Option(names = "--ranges", paramLabel = "DIR", description = "the range files (default: STATE/ranges, filled by 'ranges update')")
  java.nio.file.Path ranges;

  @Option(names = "--name", paramLabel = "NAME", description = "the block's name (default: the provider id); one block per name")
  String name;

  @Option(names = "--remove", description = "remove the block of this name instead")
  boolean remove;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Provider p = Provider.byId(provider).orElseThrow(() ->
        new IllegalArgumentException("unknown provider '" + provider + "' (" + ProviderBlock.providers() + ")"));
    String blockName = name != null ? name : p.id();
    RuleChange change = new RuleChange(options, out);
    if (remove) {
      change.rebuild(change.rules().withoutBlock(blockName));
      out.println("removed block " + blockName);
      out.flush();
      return 0;
    }
    StandingRules.Block block = new StandingRules.Block(blockName, p.id(), region, service,
        port == null ? null : RuleText.text(RuleText.port(port)),
        ratelimit == null ? null : RuleText.text(RuleText.rate(ratelimit)),
        ranges == null ? null : ranges.toAbsolutePath().toString());
    RangeBlock built = ProviderBlock.build(block, StateDirectory.ranges(options.stateDir()));
    change.apply(change.rules().with(block));
    out.printf("block %s: %,d %s prefixes%s%s, %s%n", blockName, built.prefixes().size(), p.id(),
        region == null ? "" : " in " + region, service == null ? "" : " serving " + service,
        (ratelimit == null ? "dropped" : "over " + ratelimit + " per source dropped")
            + (port == null ? "" : " on " + port.toLowerCase(Locale.ROOT)));
    out.flush();
    return 0;
  }
}
