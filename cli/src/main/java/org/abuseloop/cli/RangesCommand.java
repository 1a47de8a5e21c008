package org.abuseloop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.abuseloop.intel.Provider;
import org.abuseloop.intel.RangeSource;
import org.abuseloop.intel.RangeSources;
import org.abuseloop.intel.RangeUpdate;
import org.abuseloop.intel.RangeUpdater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code abuseloop ranges update}: downloads the providers' official range files into the state
 * directory, each replaced only once the new copy reads as a valid feed. {@code ranges sources} lists
 * the addresses it fetches from.
 */
@Command(name = "ranges", mixinStandardHelpOptions = true, description = "Manage the providers' published IP ranges.",
    subcommands = {RangesCommand.Update.class, RangesCommand.Sources.class})
final class RangesCommand {

  @Command(name = "update", mixinStandardHelpOptions = true, description = "Download the official range files into STATE/ranges.")
  static final class Update implements Callable<Integer> {

    @Option(names = "--state", description = "state directory (default: ~/.local/state/abuseloop)")
    Path state;

    @Option(names = "--provider", split = ",", description = "only these providers (aws, azure, gcp, oracle, digitalocean, linode, cloudflare)")
    List<String> providers;

    @Override
    public Integer call() throws Exception {
      Path stateDir = StateDirectory.resolve(state);
      Path dir = StateDirectory.ranges(stateDir);
      List<RangeUpdate> results = RangeUpdater.standard().update(dir, chosen());
      int failed = 0;
      for (RangeUpdate u : results) {
        if (u.succeeded()) {
          System.out.printf("%-13s %,8d entries  %s%n", u.source().provider().id(), u.entries(), u.file());
        } else {
          failed++;
          System.err.printf("%-13s failed: %s%n", u.source().provider().id(), u.failure());
        }
      }
      if (failed < results.size()) {
        // The provider blocks set up with 'firewall block-provider' follow the new ranges.
        java.io.PrintWriter out = new java.io.PrintWriter(System.out, true);
        RuleChange.afterRangesUpdate(stateDir, out);
        out.flush();
      }
      return failed == 0 ? 0 : 1;
    }

    private List<RangeSource> chosen() {
      if (providers == null || providers.isEmpty()) {
        return RangeSources.all();
      }
      List<RangeSource> out = new ArrayList<>();
      for (String id : providers) {
        Provider p = Provider.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown provider '" + id + "'"));
        out.addAll(RangeSources.of(p));
      }
      return out;
    }
  }

  @Command(name = "sources", mixinStandardHelpOptions = true, description = "List the official addresses 'update' fetches.")
  static final class Sources implements Callable<Integer> {
    @Override
    public Integer call() {
      for (RangeSource s : RangeSources.all()) {
        System.out.printf("%-13s %s%n", s.provider().id(), s.uri());
      }
      return 0;
    }
  }
}
