package org.abuseloop.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.abuseloop.core.IpPrefix;

/**
 * The fallback backend for hosts without nftables: ipset sets (hash:ip for hosts, hash:net for networks
 * and range blocks) fed in batches through {@code ipset restore -exist}, and one iptables/ip6tables
 * chain, rebuilt atomically with {@code iptables-restore --noflush}, that drops what the sets hold
 * and applies the rate limits through hashlimit. Thread-safe: the rule-building methods are
 * synchronized and every command is its own process.
 *
 * <p>Unlike an nftables transaction, {@code ipset restore} applies line by line: a failing batch may
 * have applied its first lines, which is harmless because every line is idempotent under
 * {@code -exist}. A batch costs a process start (about 2 ms).
 */
final class IpsetBackend implements Backend {

  private static final int MAX_ELEMENTS = 1 << 20;

  private final Shell shell;
  private final String prefix;
  private final String chain;
  private final RulesInForce inForce = new RulesInForce();

  IpsetBackend(FirewallSettings settings, Shell shell) {
    this.shell = shell;
    this.prefix = settings.table();
    this.chain = settings.table().toUpperCase(Locale.ROOT);
  }

  @Override
  public synchronized void install(AllowList allow) {
    remove();
    StringBuilder s = new StringBuilder();
    for (String fam : List.of("4", "6")) {
      String family = fam.equals("4") ? "inet" : "inet6";
      create(s, set("ban", fam), "hash:ip family " + family + " timeout 0 maxelem " + MAX_ELEMENTS);
      create(s, set("net", fam), "hash:net family " + family + " timeout 0 maxelem " + MAX_ELEMENTS);
      create(s, set("allow", fam), "hash:net family " + family);
      for (IpPrefix p : allow.accepted()) {
        if (p.network().isIPv4() == fam.equals("4")) {
          s.append("add ").append(set("allow", fam)).append(' ').append(p).append('\n');
        }
      }
    }
    restore(s);
    for (RangeBlock b : inForce.blocks()) {
      fillRanges(b);
    }
    rebuildChains();
    for (String tool : List.of("iptables", "ip6tables")) {
      shell.run(List.of(tool, "-w", "-I", "INPUT", "1", "-j", chain), "");
    }
  }

  /** ipset has no transaction across commands: the sets and chains first, then the bans. */
  @Override
  public synchronized void install(AllowList allow, List<RateLimit> newLimits, List<RangeBlock> newBlocks, List<SetChange> bans) {
    inForce.replace(newLimits, newBlocks);
    install(allow);
    if (!bans.isEmpty()) {
      apply(bans);
    }
  }

  /** The jump from INPUT to our chain is there (iptables -C) and so is the IPv4 ban set. */
  @Override
  public synchronized boolean isInstalled() {
    if (!quietly(List.of("iptables", "-w", "-C", "INPUT", "-j", chain))) {
      return false;
    }
    String banSet = set("ban", "4");
    for (String name : shell.run(List.of("ipset", "list", "-n"), "").split("\n")) {
      if (name.strip().equals(banSet)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void remove() {
    for (String tool : List.of("iptables", "ip6tables")) {
      while (quietly(List.of(tool, "-w", "-D", "INPUT", "-j", chain))) {
        // Deletes every jump to our chain, however many an earlier run left.
      }
      quietly(List.of(tool, "-w", "-F", chain));
      quietly(List.of(tool, "-w", "-X", chain));
    }
    StringBuilder s = new StringBuilder();
    for (String name : shell.run(List.of("ipset", "list", "-n"), "").split("\n")) {
      if (name.startsWith(prefix + "-")) {
        s.append("destroy ").append(name.strip()).append('\n');
      }
    }
    if (s.length() > 0) {
      restore(s);
    }
  }

  @Override
  public void apply(List<SetChange> changes) {
    StringBuilder s = new StringBuilder(changes.size() * 40);
    for (SetChange c : changes) {
      String set = set(c.isHost() ? "ban" : "net", c.isIPv4() ? "4" : "6");
      String target = c.isHost() ? c.target().network().toString() : c.target().toString();
      if (c.kind() == SetChange.Kind.REMOVE) {
        s.append("del ").append(set).append(' ').append(target).append('\n');
      } else {
        long seconds = Math.max(1, (c.timeoutMillis() + 999) / 1000);
        s.append("add ").append(set).append(' ').append(target).append(" timeout ").append(seconds).append('\n');
      }
    }
    restore(s);
  }

  @Override
  public synchronized void rateLimit(RateLimit limit) {
    inForce.limit(limit);
    rebuildChains();
  }

  @Override
  public synchronized void blockRanges(RangeBlock block) {
    inForce.block(block);
    fillRanges(block);
    rebuildChains();
  }

  @Override
  public synchronized void dropRanges(String name) {
    if (!inForce.unblock(name)) {
      return;
    }
    rebuildChains();
    restore(new StringBuilder("destroy " + set("r4", name) + "\ndestroy " + set("r6", name) + "\n"));
  }

  @Override
  public void close() {
    // Every command is its own process; nothing stays running.
  }

  /** Fills a scratch set and swaps it with the live one, so the block changes at one instant. */
  private void fillRanges(RangeBlock b) {
    List<IpPrefix> all = PrefixRanges.disjoint(b.prefixes());
    StringBuilder s = new StringBuilder();
    for (String fam : List.of("4", "6")) {
      String family = fam.equals("4") ? "inet" : "inet6";
      String live = set("r" + fam, b.name());
      String scratch = set("t" + fam, b.name());
      String type = "hash:net family " + family + " maxelem " + Math.max(65_536, all.size() * 2);
      create(s, live, type);
      create(s, scratch, type);
      s.append("flush ").append(scratch).append('\n');
      for (IpPrefix p : all) {
        if (p.network().isIPv4() == fam.equals("4")) {
          s.append("add ").append(scratch).append(' ').append(p).append('\n');
        }
      }
      s.append("swap ").append(scratch).append(' ').append(live).append('\n');
      s.append("destroy ").append(scratch).append('\n');
    }
    restore(s);
  }

  /** Rewrites our chain for each family in one {@code iptables-restore --noflush} transaction. */
  private void rebuildChains() {
    for (String fam : List.of("4", "6")) {
      List<String> rules = new ArrayList<>();
      rules.add("-m set --match-set " + set("allow", fam) + " src -j RETURN");
      rules.add("-m set --match-set " + set("ban", fam) + " src -j DROP");
      rules.add("-m set --match-set " + set("net", fam) + " src -j DROP");
      for (RangeBlock b : inForce.blocks()) {
        String port = b.port().map(p -> " " + portMatch(p)).orElse("");
        String rate = b.rate().map(r -> " " + hashlimit(r, "abr" + Integer.toHexString(b.name().hashCode()))).orElse("");
        rules.add("-m set --match-set " + set("r" + fam, b.name()) + " src" + port + rate + " -j DROP");
      }
      for (RateLimit l : inForce.limits()) {
        String name = "abl" + l.port().protocol().id().charAt(0) + l.port().number();
        rules.add(portMatch(l.port()) + " " + hashlimit(l.rate(), name) + " -j DROP");
      }
      StringBuilder s = new StringBuilder("*filter\n:" + chain + " - [0:0]\n");
      for (String r : rules) {
        s.append("-A ").append(chain).append(' ').append(r).append('\n');
      }
      s.append("COMMIT\n");
      shell.run(List.of(fam.equals("4") ? "iptables-restore" : "ip6tables-restore", "-w", "--noflush"), s.toString());
    }
  }

  private static String hashlimit(Rate r, String name) {
    return "-m hashlimit --hashlimit-above " + r.hashlimitText() + " --hashlimit-burst " + r.burst()
        + " --hashlimit-mode srcip --hashlimit-htable-expire " + r.trackingTimeout().toMillis()
        + " --hashlimit-name " + name;
  }

  private static String portMatch(Port p) {
    return "-p " + p.protocol().id() + " --dport " + p.number();
  }

  private String set(String kind, String suffix) {
    return prefix + "-" + kind + "-" + suffix;
  }


  private static void create(StringBuilder s, String name, String type) {
    s.append("create ").append(name).append(' ').append(type).append('\n');
  }

  private void restore(StringBuilder script) {
    shell.run(List.of("ipset", "restore", "-exist"), script.toString());
  }

  private boolean quietly(List<String> argv) {
    try {
      shell.run(argv, "");
      return true;
    } catch (ChangeRejected e) {
      return false;
    }
  }
}
