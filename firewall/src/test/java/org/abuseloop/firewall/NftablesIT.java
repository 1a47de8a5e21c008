package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome.Status;
import org.abuseloop.logs.conformance.NetNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nftables backend against a real kernel, inside a namespace of its own, through both kinds of nft session. */
class NftablesIT {

  private static final String TABLE = "abltest";
  private NetNamespace ns;
  private Firewall firewall;

  @BeforeEach
  void createNamespace() {
    KernelTools.require("ip", "nft");
    ns = NetNamespace.create("nft");
  }

  @AfterEach
  void deleteNamespace() {
    try {
      if (firewall != null) {
        firewall.close();
      }
    } finally {
      ns.close();
    }
  }

  private Firewall open(boolean interactive) {
    FirewallSettings settings = FirewallSettings.defaults().withTable(TABLE).withPriority(-7)
        .withCommandPrefix(ns.prefix()).withInteractive(interactive);
    firewall = Firewall.nftables(settings, AllowList.builder().build(), Clock.systemUTC());
    firewall.install();
    return firewall;
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void installCreatesTheTableAndRemoveDeletesIt(boolean interactive) {
    open(interactive);
    String table = ns.exec("nft", "list", "table", "inet", TABLE);
    assertThat(table).contains("set ban4", "set ban6", "flags timeout",
        "hook input priority filter - 7", "ip saddr @ban4 counter name \"banned\" drop", "ip saddr @allow4 accept");
    firewall.remove();
    assertThat(ns.exec("nft", "list", "tables")).doesNotContain(TABLE);
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void aBurstOfBansAllLandInTheKernelSets(boolean interactive) {
    open(interactive);
    List<CompletableFuture<BanOutcome>> all = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      all.add(firewall.ban(IpAddress.ofIPv4(0xC6330000 | i), Duration.ofMinutes(5)));
      all.add(firewall.ban(IpAddress.of("2001:db8:7::" + Integer.toHexString(i + 1)), Duration.ofMinutes(5)));
    }
    for (CompletableFuture<BanOutcome> f : all) {
      assertThat(f.join().status()).isEqualTo(Status.APPLIED);
    }
    assertThat(elements("ban4")).hasSize(3000);
    assertThat(elements("ban6")).hasSize(3000);
    assertThat(firewall.list()).hasSize(6000);
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void renewalsAndUnbansWorkWhetherOrNotTheKernelStillHoldsTheElement(boolean interactive) {
    open(interactive);
    IpAddress a = IpAddress.of("192.0.2.10");
    assertThat(firewall.ban(a, Duration.ofSeconds(30)).join().status()).isEqualTo(Status.APPLIED);
    assertThat(firewall.ban(a, Duration.ofHours(2)).join().status()).isEqualTo(Status.APPLIED);
    assertThat(ns.exec("nft", "get", "element", "inet", TABLE, "ban4", "{ 192.0.2.10 }")).contains("timeout 2h");
    ns.exec("nft", "delete", "element", "inet", TABLE, "ban4", "{ 192.0.2.10 }");
    assertThat(firewall.unban(a).join().status()).isEqualTo(Status.APPLIED);
    assertThat(elements("ban4")).isEmpty();
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void aWiderNetworkBanReplacesNarrowerOnes(boolean interactive) {
    open(interactive);
    firewall.ban(IpPrefix.parse("198.51.100.0/26"), Duration.ofHours(1)).join();
    firewall.ban(IpPrefix.parse("198.51.100.128/25"), Duration.ofHours(1)).join();
    firewall.ban(IpPrefix.parse("2001:db8:9:1::/64"), Duration.ofHours(1)).join();
    assertThat(firewall.ban(IpPrefix.parse("198.51.100.0/24"), Duration.ofHours(1)).join().status()).isEqualTo(Status.APPLIED);
    assertThat(firewall.ban(IpPrefix.parse("2001:db8:9::/48"), Duration.ofHours(1)).join().status()).isEqualTo(Status.APPLIED);
    assertThat(elements("net4_24")).containsExactly("198.51.100.0");
    assertThat(elements("net4_26")).isEmpty();
    assertThat(elements("net4_25")).isEmpty();
    assertThat(elements("net6_48")).containsExactly("2001:db8:9::");
    assertThat(elements("net6_64")).isEmpty();
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void aChangeTheKernelRejectsFailsAloneAndTheOthersLand(boolean interactive) {
    open(interactive);
    // A set deleted behind the firewall's back makes the next ban of that prefix length fail.
    firewall.ban(IpPrefix.parse("203.0.113.0/25"), Duration.ofHours(1)).join();
    ns.exec("nft", "flush", "chain", "inet", TABLE, "input");
    ns.exec("nft", "delete", "set", "inet", TABLE, "net4_25");
    List<CompletableFuture<BanOutcome>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(firewall.ban(IpAddress.of("192.0.2." + i), Duration.ofHours(1)));
      if (i == 10) {
        all.add(firewall.ban(IpPrefix.parse("198.51.100.0/25"), Duration.ofHours(1)));
      }
    }
    List<Status> statuses = all.stream().map(f -> f.join().status()).toList();
    assertThat(statuses.get(11)).isEqualTo(Status.FAILED);
    assertThat(all.get(11).join().detail()).contains("Error");
    assertThat(statuses).filteredOn(s -> s == Status.APPLIED).hasSize(20);
    assertThat(elements("ban4")).hasSize(20);
    assertThat(firewall.list()).extracting(Ban::target).doesNotContain(IpPrefix.parse("198.51.100.0/25"));
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void aReinstallStartsFromEmptySets(boolean interactive) {
    open(interactive);
    firewall.ban(IpAddress.of("192.0.2.1"), Duration.ofHours(1)).join();
    firewall.install();
    assertThat(elements("ban4")).isEmpty();
    assertThat(firewall.list()).isEmpty();
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void aReinstallAfterAFlushPutsBackTheLimitsBlocksAndBansAtOnce(boolean interactive) {
    open(interactive);
    firewall.ban(IpAddress.of("192.0.2.1"), Duration.ofHours(1)).join();
    firewall.ban(IpPrefix.parse("198.51.100.0/24"), Duration.ofHours(1)).join();
    ns.exec("nft", "flush", "ruleset");
    java.time.Instant now = java.time.Instant.now();
    int n = firewall.reinstall(new Ruleset(List.of(RateLimit.of(org.abuseloop.core.Protocol.UDP, 5060, 3, Duration.ofSeconds(60))),
        List.of(RangeBlock.of("aws", List.of(IpPrefix.parse("203.0.113.0/24")))),
        List.of(new Ban(IpPrefix.parse("192.0.2.2"), now, now.plusSeconds(600)))));
    assertThat(n).isEqualTo(3);
    assertThat(elements("ban4")).containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
    String table = ns.exec("nft", "list", "table", "inet", TABLE);
    assertThat(table).contains("udp dport 5060", "limit rate over 3/minute", "@r4_aws", "203.0.113.0/24", "198.51.100.0");
    firewall.ban(IpPrefix.parse("203.0.112.0/24"), Duration.ofHours(1)).join();
    assertThat(ns.exec("nft", "list", "set", "inet", TABLE, "net4_24")).as("the backend knows its sets")
        .contains("198.51.100.0", "203.0.112.0");
  }

  @ParameterizedTest(name = "interactive={0}")
  @ValueSource(booleans = {true, false})
  void aBrokenScriptIsReportedWithNftsMessage(boolean interactive) {
    open(interactive);
    NftSession session = interactive
        ? new InteractiveNft(FirewallSettings.defaults().withCommandPrefix(ns.prefix()))
        : new ScriptNft(new ProcessShell(FirewallSettings.defaults().withCommandPrefix(ns.prefix())));
    try (session) {
      assertThatThrownBy(() -> session.run("add element inet " + TABLE + " nosuchset { 192.0.2.1 }"))
          .isInstanceOf(ChangeRejected.class).hasMessageContaining("No such file or directory");
      StringBuilder longScript = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        longScript.append("add element inet ").append(TABLE).append(" ban4 { 192.0.2.").append(i).append(" timeout 60s }\n");
      }
      longScript.append("add element inet ").append(TABLE).append(" nosuchset { 192.0.2.1 }\n");
      assertThatThrownBy(() -> session.run(longScript.toString())).isInstanceOf(ChangeRejected.class)
          .hasMessageContaining("Error");
      assertThat(elements("ban4")).as("a failed script leaves nothing behind").isEmpty();
      session.run(longScript.substring(0, longScript.lastIndexOf("add element")));
      assertThat(elements("ban4")).hasSize(200);
      assertThat(session.run("list counter inet " + TABLE + " banned")).contains("packets 0");
    }
  }

  @org.junit.jupiter.api.Test
  void aDeadNftProcessIsRestartedForTheNextBatch() throws Exception {
    open(true);
    firewall.ban(IpAddress.of("192.0.2.1"), Duration.ofHours(1)).join();
    List<ProcessHandle> nfts = ProcessHandle.current().descendants()
        .filter(p -> p.info().command().orElse("").endsWith("/nft")).toList();
    assertThat(nfts).as("the long-lived nft -i child").hasSize(1);
    nfts.get(0).destroyForcibly();
    nfts.get(0).onExit().get();
    assertThat(firewall.ban(IpAddress.of("192.0.2.2"), Duration.ofHours(1)).join().status()).isEqualTo(Status.APPLIED);
    assertThat(elements("ban4")).containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
  }

  private List<String> elements(String set) {
    String out = ns.exec("nft", "-j", "list", "set", "inet", TABLE, set);
    List<String> found = new ArrayList<>();
    String key = "\"val\": \"";
    for (int i = out.indexOf(key); i >= 0; i = out.indexOf(key, i + 1)) {
      found.add(out.substring(i + key.length(), out.indexOf('"', i + key.length())));
    }
    return found;
  }
}
