package org.abuseloop.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.abuseloop.firewall.Port;
import org.abuseloop.firewall.Rate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop firewall ratelimit udp/5060 3/60s}: drops packets from any one source beyond the
 * rate on that port (an nftables meter: a dynamic set keyed by source address with a per-element
 * {@code limit rate over}), like shorewall's {@code Limit:info:VOIP,3,60} or iptables'
 * {@code -m hashlimit --hashlimit-mode srcip --hashlimit-above 3/min --hashlimit-burst 3}.
 * Remembered in the state directory; {@code off} removes it. One run per instance.
 */
@Command(name = "ratelimit", mixinStandardHelpOptions = true,
    description = {"Drop packets from any one source beyond RATE on PORT, before any log line.",
        "udp/5060 3/60s is shorewall's Limit:info:VOIP,3,60 and iptables' hashlimit 3/min burst 3 per source.",
        "RATE 'off' removes the limit."})
final class RateLimitCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  FirewallOptions options;

  @Parameters(index = "0", paramLabel = "PORT", description = "PROTOCOL/PORT: udp/5060, tcp/22, sctp/5060")
  String port;

  @Parameters(index = "1", paramLabel = "RATE", description = "COUNT/PERIOD per source: 3/60s, 10/1m, 100/1h; or off")
  String rate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Port p = RuleText.port(port);
    String key = RuleText.text(p);
    RuleChange change = new RuleChange(options, out);
    if (rate.equalsIgnoreCase("off")) {
      change.rebuild(change.rules().withoutLimit(key));
      out.println("removed the rate limit on " + key);
    } else {
      Rate r = RuleText.rate(rate);
      change.apply(change.rules().with(new StandingRules.Limit(key, RuleText.text(r))));
      out.println("rate limit on " + key + ": " + r.count() + " packets per " + r.per().getSeconds()
          + "s per source (burst " + r.burst() + "), excess dropped");
    }
    out.flush();
    return 0;
  }
}
