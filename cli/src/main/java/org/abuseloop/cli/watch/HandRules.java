package org.abuseloop.cli.watch;

import java.io.IOException;
import org.abuseloop.firewall.Ruleset;

/**
 * The rate limits and range blocks an operator set by hand ({@code abuseloop firewall ratelimit},
 * {@code block-provider}), which watch's firewall keeps in its table too, so that its recovery after a
 * flush puts back everything {@code firewall restore} would. Implementations are thread-safe.
 */
public interface HandRules {

  /** None: watch keeps bans only. */
  HandRules NONE = new HandRules() {
    @Override
    public Object stamp() {
      return "none";
    }

    @Override
    public Ruleset load() {
      return Ruleset.empty();
    }
  };

  /** A value that changes whenever the rules may have changed; cheap, read once a second. */
  Object stamp();

  /** The rules as they stand now (the blocks' prefixes read afresh), without bans. */
  Ruleset load() throws IOException;
}
