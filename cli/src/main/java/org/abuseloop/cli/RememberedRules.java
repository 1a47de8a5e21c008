package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.cli.watch.HandRules;
import org.abuseloop.firewall.RangeBlock;
import org.abuseloop.firewall.RateLimit;
import org.abuseloop.firewall.Ruleset;

/**
 * The rules remembered in a state directory's {@code firewall-rules.json} as watch's firewall keeps
 * them: the stamp is the file's identity, size and modification time (every command that changes the
 * rules, and {@code ranges update}, replaces the file), the blocks are built from the range files.
 * Immutable and thread-safe.
 */
final class RememberedRules implements HandRules {

  private final Path state;

  RememberedRules(Path state) {
    this.state = state;
  }

  @Override
  public Object stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(state.resolve(StandingRules.FILE), BasicFileAttributes.class);
      return List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime());
    } catch (IOException e) {
      return "absent";
    }
  }

  @Override
  public Ruleset load() throws IOException {
    return ruleset(StandingRules.load(state), StateDirectory.ranges(state));
  }

  /** The firewall's form of {@code rules}, blocks built from the range files; no bans. */
  static Ruleset ruleset(StandingRules rules, Path defaultRanges) throws IOException {
    List<RateLimit> limits = new ArrayList<>();
    for (StandingRules.Limit l : rules.limits()) {
      limits.add(new RateLimit(RuleText.port(l.port()), RuleText.rate(l.rate()), 65_536));
    }
    List<RangeBlock> blocks = new ArrayList<>();
    for (StandingRules.Block b : rules.blocks()) {
      blocks.add(ProviderBlock.build(b, defaultRanges));
    }
    return new Ruleset(limits, blocks, List.of());
  }
}
