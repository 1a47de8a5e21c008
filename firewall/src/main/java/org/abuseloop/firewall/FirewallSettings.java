package org.abuseloop.firewall;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the firewall is set up: the table (and ipset name prefix), the input hook priority, how the
 * firewall commands are started, batching and limits. Validated on construction, then read-only and
 * thread-safe.
 *
 * @param table nftables table name (family {@code inet}) and prefix of ipset set names
 * @param priority the input hook priority of the nftables chain (-10 runs just before the usual filter)
 * @param commandPrefix words put before every command, e.g. {@code ip netns exec NS}; empty for none
 * @param interactive true for one long-lived {@code nft -i}, false for one {@code nft -f -} per batch
 * @param maxBatch the most set changes sent in one transaction
 * @param linger how long the batcher waits for more bans before sending (zero: send at once, and
 *     coalesce whatever arrives while a transaction runs)
 * @param maxTimeout bans longer than this are shortened to it (ipset and old kernels stop at 24.8 days)
 * @param commandTimeout how long one transaction may take before the command is killed
 */
public record FirewallSettings(String table, int priority, List<String> commandPrefix, boolean interactive,
    int maxBatch, Duration linger, Duration maxTimeout, Duration commandTimeout) {

  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,11}");

  public FirewallSettings {
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("firewall table name must match " + TABLE + ", got '" + table + "'");
    }
    if (priority < -400 || priority > 400) {
      throw new IllegalArgumentException("hook priority must be within -400..400, got " + priority);
    }
    commandPrefix = List.copyOf(commandPrefix);
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    requirePositive("linger", linger, true);
    requirePositive("maxTimeout", maxTimeout, false);
    requirePositive("commandTimeout", commandTimeout, false);
    if (maxTimeout.compareTo(Duration.ofSeconds(2_147_483)) > 0) {
      throw new IllegalArgumentException("maxTimeout above 2147483 s is not supported by ipset, got " + maxTimeout);
    }
  }

  /** Table {@code abuseloop}, priority -10, plain {@code nft}, interactive, 10,000 per batch, no linger. */
  public static FirewallSettings defaults() {
    return new FirewallSettings("abuseloop", -10, List.of(), true, 10_000, Duration.ZERO,
        Duration.ofSeconds(2_147_483), Duration.ofSeconds(30));
  }

  public FirewallSettings withTable(String name) {
    return new FirewallSettings(name, priority, commandPrefix, interactive, maxBatch, linger, maxTimeout, commandTimeout);
  }

  public FirewallSettings withPriority(int p) {
    return new FirewallSettings(table, p, commandPrefix, interactive, maxBatch, linger, maxTimeout, commandTimeout);
  }

  public FirewallSettings withCommandPrefix(List<String> prefix) {
    return new FirewallSettings(table, priority, prefix, interactive, maxBatch, linger, maxTimeout, commandTimeout);
  }

  public FirewallSettings withInteractive(boolean on) {
    return new FirewallSettings(table, priority, commandPrefix, on, maxBatch, linger, maxTimeout, commandTimeout);
  }

  public FirewallSettings withBatching(int max, Duration wait) {
    return new FirewallSettings(table, priority, commandPrefix, interactive, max, wait, maxTimeout, commandTimeout);
  }

  public FirewallSettings withMaxTimeout(Duration max) {
    return new FirewallSettings(table, priority, commandPrefix, interactive, maxBatch, linger, max, commandTimeout);
  }

  /** The command prefix followed by {@code words}. */
  List<String> command(String... words) {
    List<String> all = new java.util.ArrayList<>(commandPrefix);
    all.addAll(List.of(words));
    return all;
  }

  private static void requirePositive(String name, Duration d, boolean zeroAllowed) {
    if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
      throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", got " + d);
    }
  }
}
