package org.abuseloop.firewall;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Protocol;

/**
 * The blocking side of abuseloop: bans sources for a while, rate limits a port per source and drops
 * whole published ranges, always letting the {@link AllowList} through. Implementations are
 * thread-safe: {@link #ban} may be called from any thread and returns at once.
 *
 * <p>A ban is queued and applied in the next kernel transaction; its future completes when that
 * transaction was confirmed (the element is in the kernel set) or failed. The ban list is kept in
 * memory with expiry read from the injected clock; {@link #install()} starts from an empty one.
 */
public interface Firewall extends AutoCloseable {

  /** Creates this firewall's table (or sets and chains) afresh, replacing any left from an earlier run. */
  void install();

  /**
   * Installs the table afresh with {@code ruleset}'s rate limits and range blocks (which replace the ones
   * this firewall knew) and its bans together with every ban this firewall holds now (the later end
   * wins), all in one kernel transaction with nftables (the ipset backend cannot: table first, then
   * the bans). What a flush or a rebuild by another process left is replaced; allow-listed bans are
   * left out.
   *
   * @return the number of bans in the new table
   */
  int reinstall(Ruleset ruleset);

  /** Deletes everything {@link #install()} created, bans, rate limits and range blocks included. */
  void remove();

  /**
   * Bans a source (a host prefix /32 or /128, or a wider prefix such as /24 or /64) for {@code duration}.
   * Refused at once (and logged) when the allow list covers any part of the target.
   */
  CompletableFuture<BanOutcome> ban(IpPrefix target, Duration duration);

  /** Bans one address for {@code duration}; see {@link #ban(IpPrefix, Duration)}. */
  default CompletableFuture<BanOutcome> ban(IpAddress address, Duration duration) {
    return ban(IpPrefix.of(address, address.bitLength()), duration);
  }

  /**
   * True when what {@link #install()} created is still in the kernel: false after someone flushed the
   * ruleset or deleted the table, when the caller should install again and re-apply its bans. A cheap
   * check (nftables lists the input chain, not the sets); backends that cannot tell say true.
   */
  default boolean isInstalled() {
    return true;
  }

  /** Lifts the ban of {@code target} and of every ban inside it. */
  CompletableFuture<BanOutcome> unban(IpPrefix target);

  /** Lifts the ban of one address; see {@link #unban(IpPrefix)}. */
  default CompletableFuture<BanOutcome> unban(IpAddress address) {
    return unban(IpPrefix.of(address, address.bitLength()));
  }

  /** The bans in force now, by the injected clock, ordered by target. */
  List<Ban> list();

  /** Installs (or replaces, for the same port) a per-source rate limit dropping packets over the rate. */
  void rateLimit(RateLimit limit);

  /**
   * Drops packets from any one source beyond {@code count} per {@code per} on {@code protocol}/{@code
   * port}, burst {@code count}: shorewall's {@code Limit:info:VOIP,3,60} is {@code (UDP, 5060, 3, 60 s)}.
   */
  default void rateLimit(Protocol protocol, int port, int count, Duration per) {
    rateLimit(RateLimit.of(protocol, port, count, per));
  }

  /** Installs or atomically replaces the named block of ranges, e.g. a provider's published prefixes. */
  void blockRanges(RangeBlock block);

  /** Removes the named block of ranges; nothing happens when there is none. */
  void dropRanges(String name);

  /** Applies what is queued, then stops the batcher and the firewall command; the rules stay in place. */
  @Override
  void close();

  /** The default backend: an nftables table of its own, fed through a long-lived {@code nft -i}. */
  static Firewall nftables(FirewallSettings settings, AllowList allow, Clock clock) {
    return new BatchedFirewall(new NftBackend(settings, NftSession.start(settings)), settings, allow, clock);
  }

  /** The fallback backend: ipset sets fed through {@code ipset restore}, one iptables/ip6tables rule per set. */
  static Firewall ipset(FirewallSettings settings, AllowList allow, Clock clock) {
    return new BatchedFirewall(new IpsetBackend(settings, new ProcessShell(settings)), settings, allow, clock);
  }

  /** Prints the nftables scripts it would run to {@code out} and changes nothing; the ban list still works. */
  static Firewall dryRun(PrintStream out, FirewallSettings settings, AllowList allow, Clock clock) {
    return new BatchedFirewall(new NftBackend(settings, new PrintedNft(out)), settings, allow, clock);
  }
}
