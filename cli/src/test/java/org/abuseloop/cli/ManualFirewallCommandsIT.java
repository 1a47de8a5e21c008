package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.logs.conformance.NetNamespace;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manual firewall commands against real nftables, in a network namespace the test creates and deletes. */
class ManualFirewallCommandsIT {

  private static final String TABLE = "abltest";

  @TempDir
  Path state;

  private NetNamespace ns;

  @BeforeEach
  void createNamespace() {
    ns = NetNamespace.createForNftables("cli");
  }

  @AfterEach
  void deleteNamespace() {
    if (ns != null) {
      ns.close();
    }
  }

  private CommandRun run(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--netns", ns.name(), "--table", TABLE, "--state", state.toString()}, 0, all, args.length, 6);
    return CommandRun.of(all);
  }

  @Test
  void banStoresAndAppliesUnbanLiftsRemoveDeletesTheTable() {
    CommandRun ban = run("ban", "203.0.113.9", "--for", "1h");
    assertThat(ban.exitCode()).as(ban.err()).isZero();
    assertThat(ban.out()).contains("banned 203.0.113.9 for 1h");
    assertThat(ban.err()).contains("event=ban target=203.0.113.9 seconds=3600 scenario=manual offenses=1");
    assertThat(ns.nft("list", "set", "inet", TABLE, "ban4")).contains("203.0.113.9 timeout 59m");

    assertThat(run("ban", "198.51.100.0/24", "--for", "10m").exitCode()).isZero();
    assertThat(run("ban", "2001:db8:5::7").exitCode()).isZero();
    assertThat(ns.nft("list", "set", "inet", TABLE, "net4_24")).contains("198.51.100.0");
    assertThat(ns.nft("list", "set", "inet", TABLE, "ban6")).contains("2001:db8:5::7");
    assertThat(ns.nft("list", "set", "inet", TABLE, "ban4")).contains("203.0.113.9");
    try (Store store = Store.openIn(state)) {
      assertThat(store.bans().activeAt(Instant.now())).extracting(b -> b.target().toString())
          .containsExactlyInAnyOrder("203.0.113.9/32", "198.51.100.0/24", "2001:db8:5::7/128");
    }

    CommandRun unban = run("unban", "203.0.113.9");
    assertThat(unban.exitCode()).as(unban.err()).isZero();
    assertThat(unban.err()).contains("event=unban target=203.0.113.9 reason=manual");
    assertThat(ns.nft("list", "set", "inet", TABLE, "ban4")).doesNotContain("203.0.113.9");
    assertThat(ns.nft("list", "set", "inet", TABLE, "net4_24")).contains("198.51.100.0");
    try (Store store = Store.openIn(state)) {
      assertThat(store.bans().find(IpPrefix.parse("203.0.113.9")).orElseThrow().removed()).isNotNull();
    }

    CommandRun remove = run("firewall", "remove");
    assertThat(remove.exitCode()).as(remove.err()).isZero();
    assertThat(ns.ruleset()).doesNotContain(TABLE);
    try (Store store = Store.openIn(state)) {
      assertThat(store.firewallChanges().after(0)).last().as("noted for a running watch")
          .extracting(org.abuseloop.store.FirewallChange::kind).isEqualTo(org.abuseloop.store.FirewallChange.Kind.REMOVE);
    }
  }

  @Test
  void removeWithoutAUsableStoreStillDeletesTheTableAndSaysWatchWillNotKnow() throws Exception {
    assertThat(run("firewall", "restore").exitCode()).isZero();
    assertThat(ns.ruleset()).contains(TABLE);
    Path notADatabase = Files.writeString(state.resolve("not-a-database.db"), "plain text\n".repeat(300));

    CommandRun remove = run("firewall", "remove", "--config", writeConfig("store: jdbc:sqlite:" + notADatabase));

    assertThat(remove.exitCode()).as(remove.err()).isZero();
    assertThat(remove.err()).contains(notADatabase.toString(), "a running watch will install it again");
    assertThat(ns.ruleset()).doesNotContain(TABLE);
  }

  private String writeConfig(String line) throws java.io.IOException {
    Path config = state.resolve("watch-store.yaml");
    Files.writeString(config, "sources: [{kind: stdin}]\n" + line + "\nstate: " + state + "\n");
    return config.toString();
  }

  @Test
  void unbanOfAPrefixLiftsTheBansInsideIt() {
    assertThat(run("ban", "192.0.2.7").exitCode()).isZero();
    assertThat(run("ban", "192.0.2.9").exitCode()).isZero();
    assertThat(run("ban", "203.0.113.1").exitCode()).isZero();
    CommandRun unban = run("unban", "192.0.2.0/24");
    assertThat(unban.out()).contains("unbanned 192.0.2.0/24 and 1 bans inside it");
    String set = ns.nft("list", "set", "inet", TABLE, "ban4");
    assertThat(set).doesNotContain("192.0.2.7").doesNotContain("192.0.2.9").contains("203.0.113.1");
  }

  @Test
  void refusesAllowListedLoopbackPrivateAndOwnAddresses() throws Exception {
    Path config = state.resolve("watch.yaml");
    Files.writeString(config, "sources: [{kind: stdin}]\nallow: {cidrs: [192.0.2.0/24]}\nstate: " + state + "\n");
    assertThat(refusal("ban", "127.0.0.1")).contains("refused to ban 127.0.0.1: loopback 127.0.0.0/8");
    assertThat(refusal("ban", "10.1.2.3")).contains("refused to ban 10.1.2.3: private range 10.0.0.0/8");
    assertThat(refusal("ban", "192.0.2.5", "--config", config.toString())).contains("allow-listed 192.0.2.0/24");
    assertThat(refusal("ban", "0.0.0.0/0")).contains("wider than the /16 safety limit");
    assertThat(refusal("ban", "not-an-address")).contains("not an address or CIDR");
    assertThat(refusal("ban", "203.0.113.9", "--for", "soon")).contains("--for: expected a positive duration");
    assertThat(ns.ruleset()).doesNotContain(TABLE);
    assertThat(state.resolve(Store.DEFAULT_FILE)).doesNotExist();
  }

  private String refusal(String... args) {
    CommandRun r = run(args);
    assertThat(r.exitCode()).isEqualTo(2);
    return r.err();
  }

  @Test
  void dryRunPrintsTheScriptAndChangesNothing() {
    CommandRun ban = run("ban", "203.0.113.9", "--for", "10m", "--dry-run");
    assertThat(ban.exitCode()).as(ban.err()).isZero();
    assertThat(ban.out()).contains("# nft -f - <<'EOF'", "add element inet " + TABLE + " ban4 { 203.0.113.9 timeout 600s }",
        "would ban 203.0.113.9");
    CommandRun limit = run("firewall", "ratelimit", "udp/5060", "3/60s", "--dry-run");
    assertThat(limit.out()).contains("add rule inet " + TABLE + " limits udp dport 5060", "limit rate over 3/minute burst 3 packets");
    assertThat(run("firewall", "remove", "--dry-run").out()).contains("delete table inet " + TABLE);
    assertThat(ns.ruleset()).doesNotContain(TABLE);
    assertThat(state.resolve(Store.DEFAULT_FILE)).doesNotExist();
    assertThat(state.resolve(StandingRules.FILE)).doesNotExist();
  }

  @Test
  void rateLimitInstallsAMeterPerPortAndOffRemovesIt() {
    CommandRun sip = run("firewall", "ratelimit", "udp/5060", "3/60s");
    assertThat(sip.exitCode()).as(sip.err()).isZero();
    assertThat(run("ban", "203.0.113.9").exitCode()).isZero();
    CommandRun ssh = run("firewall", "ratelimit", "tcp/22", "10/1m");
    assertThat(ssh.exitCode()).as(ssh.err()).isZero();
    String limits = table();
    assertThat(limits).contains("udp dport 5060", "limit rate over 3/minute burst 3 packets",
        "tcp dport 22", "limit rate over 10/minute burst 10 packets");
    assertThat(ns.nft("list", "set", "inet", TABLE, "ban4")).as("a rule change keeps the bans").contains("203.0.113.9");

    CommandRun off = run("firewall", "ratelimit", "udp/5060", "off");
    assertThat(off.exitCode()).as(off.err()).isZero();
    limits = table();
    assertThat(limits).doesNotContain("udp dport 5060").contains("tcp dport 22");
    assertThat(ns.nft("list", "set", "inet", TABLE, "ban4")).as("restored from the store").contains("203.0.113.9");
    assertThat(run("firewall", "ratelimit", "udp/70000", "3/60s").exitCode()).isEqualTo(2);
    assertThat(run("firewall", "ratelimit", "udp/5060", "3/0s").exitCode()).isEqualTo(2);
  }

  @Test
  void blockProviderBuildsTheSetFromTheRangesAndRangesUpdateRebuildsIt() throws Exception {
    Path ranges = Files.createDirectories(state.resolve("feeds"));
    Files.writeString(ranges.resolve("aws-ip-ranges.json"), aws("198.51.100.0/25", "2001:db8:aa::/48"));
    CommandRun block = run("firewall", "block-provider", "aws", "--region", "eu-west-1", "--service", "EC2",
        "--port", "udp/5060", "--ratelimit", "3/60s", "--ranges", ranges.toString());
    assertThat(block.exitCode()).as(block.err()).isZero();
    assertThat(block.out()).contains("block aws: 2 aws prefixes in eu-west-1 serving EC2");
    assertThat(ns.nft("list", "set", "inet", TABLE, "r4_aws")).contains("198.51.100.0/25").doesNotContain("192.0.2.0");
    assertThat(ns.nft("list", "set", "inet", TABLE, "r6_aws")).contains("2001:db8:aa::/48");
    assertThat(table()).contains("@r4_aws udp dport 5060", "limit rate over 3/minute");

    Files.writeString(ranges.resolve("aws-ip-ranges.json"), aws("203.0.113.0/24", "2001:db8:bb::/48"));
    StringWriter out = new StringWriter();
    assertThat(RuleChange.afterRangesUpdate(state, new PrintWriter(out, true))).isEqualTo(1);
    assertThat(out.toString()).contains("rebuilt block aws");
    assertThat(ns.nft("list", "set", "inet", TABLE, "r4_aws")).contains("203.0.113.0/24").doesNotContain("198.51.100.0");
    assertThat(ns.nft("list", "set", "inet", TABLE, "r6_aws")).contains("2001:db8:bb::/48").doesNotContain("2001:db8:aa::");

    CommandRun remove = run("firewall", "block-provider", "aws", "--remove");
    assertThat(remove.exitCode()).as(remove.err()).isZero();
    assertThat(ns.ruleset()).doesNotContain("r4_aws");
    assertThat(run("firewall", "block-provider", "nosuchcloud").err()).contains("unknown provider 'nosuchcloud'");
  }

  @Test
  void restorePutsEverythingBackAfterAFlush() {
    assertThat(run("ban", "203.0.113.9").exitCode()).isZero();
    assertThat(run("firewall", "ratelimit", "udp/5060", "3/60s").exitCode()).isZero();
    ns.nft("flush", "ruleset");
    assertThat(ns.ruleset()).doesNotContain(TABLE);
    CommandRun restore = run("firewall", "restore");
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("restored 1 bans, 1 rate limits, 0 range blocks");
    assertThat(ns.nft("list", "set", "inet", TABLE, "ban4")).contains("203.0.113.9");
    assertThat(table()).contains("udp dport 5060");
  }

  private String table() {
    return ns.nft("list", "table", "inet", TABLE);
  }

  @Test
  void theIpsetBackendTakesTheSameCommands() {
    CommandRun ban = run("ban", "203.0.113.9", "--firewall", "ipset");
    assertThat(ban.exitCode()).as(ban.err()).isZero();
    assertThat(ns.exec("ipset", "list", TABLE + "-ban-4")).contains("203.0.113.9 timeout");
    CommandRun limit = run("firewall", "ratelimit", "udp/5060", "3/60s", "--firewall", "iptables");
    assertThat(limit.exitCode()).as(limit.err()).isZero();
    assertThat(ns.exec("iptables", "-w", "-S")).contains("--dport 5060", "--hashlimit-above 3/min", "--hashlimit-burst 3");
    assertThat(ns.exec("ipset", "list", TABLE + "-ban-4")).as("restored from the store").contains("203.0.113.9");
    CommandRun unban = run("unban", "203.0.113.9", "--firewall", "ipset");
    assertThat(unban.exitCode()).as(unban.err()).isZero();
    assertThat(ns.exec("ipset", "list", TABLE + "-ban-4")).doesNotContain("203.0.113.9");
    assertThat(run("firewall", "remove", "--firewall", "ipset").exitCode()).isZero();
    assertThat(ns.exec("ipset", "list", "-n")).doesNotContain(TABLE);
    assertThat(ns.exec("iptables", "-w", "-S")).doesNotContain("5060");
  }

  /** An AWS feed (documentation prefixes) with one EC2 eu-west-1 range per family and one elsewhere. */
  private static String aws(String v4, String v6) {
    return """
        {"syncToken": "1", "createDate": "2099-12-31-00-00-00",
         "prefixes": [
           {"ip_prefix": "%s", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"},
           {"ip_prefix": "192.0.2.0/24", "region": "us-east-1", "service": "EC2", "network_border_group": "us-east-1"}],
         "ipv6_prefixes": [
           {"ipv6_prefix": "%s", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}]}
        """.formatted(v4, v6);
  }
}
