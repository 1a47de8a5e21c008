package org.abuseloop.firewall;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.IpPrefix;

/**
 * The nftables backend: one table of its own (family inet) with a ban set per address family, a set
 * per network prefix length in use, an input chain dropping them behind a named counter
 * {@code banned}, and chains {@code ranges} and {@code limits} rebuilt from memory whenever a block or
 * limit changes. Thread-safe: the methods are synchronized, and the session runs one script at a time.
 *
 * <p>Network bans live in hash sets keyed by the masked source, one set and one rule per prefix
 * length ({@code ip saddr & 255.255.255.0 @net4_24}), created with the first ban of that length,
 * rather than in one interval set: an interval set rejects an element overlapping another, and nft
 * 1.0.6 checks that against its own cache, which ignores an element deleted earlier in the same
 * transaction once it was re-added there; so a wider ban could not atomically replace narrower ones
 * without risking a plain delete of an element the kernel had already expired, which fails the whole
 * transaction. Hash sets take the same idempotent add/delete idioms as host bans.
 */
final class NftBackend implements Backend {

  /** The named counter every ban rule counts dropped packets in. */
  static final String BANNED_COUNTER = "banned";

  private final FirewallSettings settings;
  private final NftSession nft;
  private final String table;
  private final RulesInForce inForce = new RulesInForce();
  private final Set<String> rateSets = new HashSet<>();
  private final Set<String> netSets = new HashSet<>();

  NftBackend(FirewallSettings settings, NftSession nft) {
    this.settings = settings;
    this.nft = nft;
    this.table = "inet " + settings.table();
  }

  @Override
  public synchronized void install(AllowList allow) {
    nft.run(installScript(allow).text());
  }

  @Override
  public synchronized void install(AllowList allow, List<RateLimit> newLimits, List<RangeBlock> newBlocks, List<SetChange> bans) {
    inForce.replace(newLimits, newBlocks);
    NftScript s = installScript(allow);
    Set<String> fresh = netSetsFor(s, bans);
    nft.run(s.changes(bans).text());
    netSets.addAll(fresh);
  }

  /** The script that creates the table afresh with the limits and blocks known; forgets the sets of the old one. */
  private NftScript installScript(AllowList allow) {
    NftScript s = new NftScript(table);
    s.add("add table " + table).add("delete table " + table).add("add table " + table);
    s.add("add counter " + table + " " + BANNED_COUNTER);
    s.add("add set " + table + " allow4 { type ipv4_addr; flags interval; }");
    s.add("add set " + table + " allow6 { type ipv6_addr; flags interval; }");
    s.elements("allow4", allow.accepted().stream().filter(p -> p.network().isIPv4()).toList());
    s.elements("allow6", allow.accepted().stream().filter(p -> !p.network().isIPv4()).toList());
    s.add("add set " + table + " ban4 { type ipv4_addr; flags timeout; }");
    s.add("add set " + table + " ban6 { type ipv6_addr; flags timeout; }");
    s.add("add chain " + table + " input { type filter hook input priority " + settings.priority() + "; policy accept; }");
    s.add("add chain " + table + " ranges").add("add chain " + table + " limits");
    s.add(rule("input", "ip saddr @allow4 accept")).add(rule("input", "ip6 saddr @allow6 accept"));
    s.add(rule("input", "ip saddr @ban4 counter name " + BANNED_COUNTER + " drop"));
    s.add(rule("input", "ip6 saddr @ban6 counter name " + BANNED_COUNTER + " drop"));
    s.add(rule("input", "jump ranges")).add(rule("input", "jump limits"));
    rateSets.clear();
    netSets.clear();
    for (RangeBlock b : inForce.blocks()) {
      rangeSets(s, b);
    }
    rangeRules(s);
    limitRules(s, null);
    return s;
  }

  /**
   * Lists the input chain (a few rules, not the sets): fails when the table or the chain is gone.
   * Printed (dry-run) sessions have nothing to check and say true.
   */
  @Override
  public synchronized boolean isInstalled() {
    if (nft instanceof PrintedNft) {
      return true;
    }
    try {
      return nft.run("list chain " + table + " input").contains("@ban4");
    } catch (FirewallException e) {
      return false;
    }
  }

  @Override
  public synchronized void remove() {
    nft.run("add table " + table + "\ndelete table " + table);
    rateSets.clear();
    netSets.clear();
  }

  @Override
  public synchronized void apply(List<SetChange> changes) {
    NftScript s = new NftScript(table);
    Set<String> fresh = netSetsFor(s, changes);
    nft.run(s.changes(changes).text());
    netSets.addAll(fresh);
  }

  /** Declares (in {@code s}) the network ban sets and their drop rules that {@code changes} need and the table lacks. */
  private Set<String> netSetsFor(NftScript s, List<SetChange> changes) {
    Set<String> fresh = new HashSet<>();
    for (SetChange c : changes) {
      String set = NftScript.banSet(c);
      if (!c.isHost() && !netSets.contains(set) && fresh.add(set)) {
        IpPrefix p = c.target();
        String fam = p.network().isIPv4() ? "4" : "6";
        s.add("add set " + table + " " + set + " { type " + addrType(fam) + "; flags timeout; }");
        s.add(rule("input", saddr(fam) + " & " + mask(p) + " @" + set + " counter name " + BANNED_COUNTER + " drop"));
      }
    }
    return fresh;
  }

  /** The netmask of a prefix as an address, e.g. {@code 255.255.255.0} or {@code ffff:ffff:ffff:ffff::}. */
  static String mask(IpPrefix p) {
    int len = p.length();
    if (p.network().isIPv4()) {
      return org.abuseloop.core.IpAddress.ofIPv4(len == 0 ? 0 : -1 << (32 - len)).toString();
    }
    long high = len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    long low = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
    return org.abuseloop.core.IpAddress.ofIPv6(high, low).toString();
  }

  @Override
  public synchronized void rateLimit(RateLimit limit) {
    inForce.limit(limit);
    NftScript s = new NftScript(table);
    limitRules(s, limit.port());
    nft.run(s.text());
  }

  @Override
  public synchronized void blockRanges(RangeBlock block) {
    RangeBlock old = inForce.block(block);
    NftScript s = new NftScript(table);
    if (old != null && !old.rate().equals(block.rate())) {
      dropRateSets(s, "rr", block.name());
    }
    rangeSets(s, block);
    rangeRules(s);
    nft.run(s.text());
  }

  @Override
  public synchronized void dropRanges(String name) {
    if (!inForce.unblock(name)) {
      return;
    }
    NftScript s = new NftScript(table);
    rangeRules(s);
    dropRateSets(s, "rr", name);
    s.add("delete set " + table + " r4_" + name).add("delete set " + table + " r6_" + name);
    s.add("delete counter " + table + " r_" + name);
    nft.run(s.text());
  }

  @Override
  public void close() {
    nft.close();
  }

  private void rangeSets(NftScript s, RangeBlock b) {
    List<IpPrefix> all = PrefixRanges.disjoint(b.prefixes());
    for (String fam : List.of("4", "6")) {
      String set = "r" + fam + "_" + b.name();
      s.add("add set " + table + " " + set + " { type " + addrType(fam) + "; flags interval; }");
      s.add("flush set " + table + " " + set);
      s.elements(set, all.stream().filter(p -> p.network().isIPv4() == fam.equals("4")).toList());
    }
    s.add("add counter " + table + " r_" + b.name());
  }

  private void rangeRules(NftScript s) {
    s.add("flush chain " + table + " ranges");
    for (RangeBlock b : inForce.blocks()) {
      for (String fam : List.of("4", "6")) {
        String match = saddr(fam) + " @r" + fam + "_" + b.name() + b.port().map(p -> " " + portMatch(p)).orElse("");
        String limit = b.rate().map(r -> " " + meter(s, "rr" + fam + "_" + b.name(), fam, r, 65_536)).orElse("");
        s.add(rule("ranges", match + limit + " counter name r_" + b.name() + " drop"));
      }
    }
  }

  /** Rebuilds the limits chain; the sets of {@code changed} (if any) are recreated to take its new rate. */
  private void limitRules(NftScript s, Port changed) {
    s.add("flush chain " + table + " limits");
    if (changed != null) {
      dropRateSets(s, "rl", changed.key());
    }
    for (RateLimit l : inForce.limits()) {
      s.add("add counter " + table + " rl_" + l.port().key());
      for (String fam : List.of("4", "6")) {
        String meter = meter(s, "rl" + fam + "_" + l.port().key(), fam, l.rate(), l.trackedSources());
        s.add(rule("limits", portMatch(l.port()) + " " + meter + " counter name rl_" + l.port().key() + " drop"));
      }
    }
  }

  /** Declares the dynamic set of a per-source meter (once) and returns the statement that updates it. */
  private String meter(NftScript s, String set, String fam, Rate rate, int size) {
    if (rateSets.add(set)) {
      s.add("add set " + table + " " + set + " { type " + addrType(fam) + "; size " + size
          + "; flags dynamic, timeout; timeout " + rate.trackingTimeout().toSeconds() + "s; }");
    }
    return "update @" + set + " { " + saddr(fam) + " limit rate over " + rate.nftText()
        + " burst " + rate.burst() + " packets }";
  }

  private void dropRateSets(NftScript s, String kind, String key) {
    for (String fam : List.of("4", "6")) {
      String set = kind + fam + "_" + key;
      if (rateSets.remove(set)) {
        s.add("delete set " + table + " " + set);
      }
    }
  }

  private String rule(String chain, String body) {
    return "add rule " + table + " " + chain + " " + body;
  }

  private static String portMatch(Port p) {
    return p.protocol().id() + " dport " + p.number();
  }

  private static String saddr(String fam) {
    return fam.equals("4") ? "ip saddr" : "ip6 saddr";
  }

  private static String addrType(String fam) {
    return fam.equals("4") ? "ipv4_addr" : "ipv6_addr";
  }

  /** Collects the lines of one nft script; not thread-safe, used by one call. */
  static final class NftScript {
    private final String table;
    private final StringBuilder text = new StringBuilder(256);
    private final StringBuilder plain = new StringBuilder();
    private final StringBuilder timed = new StringBuilder();
    private final Set<IpPrefix> inGroup = new HashSet<>();
    private SetChange.Kind groupKind;
    private String groupSet;

    NftScript(String table) {
      this.table = table;
    }

    NftScript add(String line) {
      text.append(line).append('\n');
      return this;
    }

    /** {@code add element} for a non-empty list of prefixes. */
    void elements(String set, List<IpPrefix> prefixes) {
      if (!prefixes.isEmpty()) {
        add("add element " + table + " " + set + " { "
            + String.join(", ", prefixes.stream().map(IpPrefix::toString).toList()) + " }");
      }
    }

    /** The ban set changes, consecutive changes of one kind to one set merged into one statement. */
    NftScript changes(List<SetChange> changes) {
      for (SetChange c : changes) {
        String set = banSet(c);
        if (c.kind() != groupKind || !set.equals(groupSet) || inGroup.contains(c.target())) {
          flushGroup();
          groupKind = c.kind();
          groupSet = set;
        }
        inGroup.add(c.target());
        String target = c.target().network().toString();
        String sep = plain.length() == 0 ? "" : ", ";
        plain.append(sep).append(target);
        if (c.kind() != SetChange.Kind.REMOVE) {
          timed.append(sep).append(target).append(" timeout ").append(timeout(c.timeoutMillis()));
        }
      }
      flushGroup();
      return this;
    }

    String text() {
      return text.toString();
    }

    private void flushGroup() {
      if (plain.length() == 0) {
        return;
      }
      String head = " element " + table + " " + groupSet + " { ";
      if (groupKind != SetChange.Kind.ADD) {
        text.append("add").append(head).append(plain).append(" }\n");
        text.append("delete").append(head).append(plain).append(" }\n");
      }
      if (groupKind != SetChange.Kind.REMOVE) {
        text.append("add").append(head).append(timed).append(" }\n");
      }
      plain.setLength(0);
      timed.setLength(0);
      inGroup.clear();
    }

    static String banSet(SetChange c) {
      String fam = c.isIPv4() ? "4" : "6";
      return c.isHost() ? "ban" + fam : "net" + fam + "_" + c.target().length();
    }

    static String timeout(long ms) {
      return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
  }
}
