package org.abuseloop.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a benchmark log: {@code Generate asterisk|sshd|firewall LINES OUT [SEED]}. The firewall log
 * also gets its exact breakdown in {@code OUT.breakdown.tsv}. A plain main without picocli, so the
 * benchmark jar stays small; run from one thread.
 */
public final class Generate {

  /** The seed of the files the benchmark documents report on. */
  public static final long DEFAULT_SEED = 20250311L;
  /** Attacking addresses in every generated log. */
  public static final int ATTACKERS = 5_000;

  private Generate() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 4) {
      System.err.println("usage: Generate asterisk|sshd|firewall LINES OUT [SEED]");
      System.exit(2);
    }
    long lines = Long.parseLong(args[1].replace("_", ""));
    Path out = Path.of(args[2]);
    long seed = args.length == 4 ? Long.parseLong(args[3]) : DEFAULT_SEED;
    LogGenerator generator = generator(args[0], seed);
    generator.write(lines, out);
    if (generator instanceof FirewallLogGenerator f) {
      f.breakdown().write(Path.of(out + ".breakdown.tsv"));
    }
    System.out.printf(Locale.ROOT, "%s: %d %s lines (seed %d)%n", out, lines, args[0], seed);
  }

  /** The generator for a kind of log: asterisk, sshd or firewall. */
  public static LogGenerator generator(String kind, long seed) {
    return switch (kind) {
      case "asterisk" -> new AsteriskLogGenerator(seed, ATTACKERS);
      case "sshd" -> new SshdLogGenerator(seed, ATTACKERS);
      case "firewall" -> new FirewallLogGenerator(seed, ATTACKERS);
      default -> throw new IllegalArgumentException("unknown kind '" + kind + "': asterisk, sshd or firewall");
    };
  }
}
