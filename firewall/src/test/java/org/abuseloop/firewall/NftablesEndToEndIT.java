package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Protocol;
import org.abuseloop.firewall.BanOutcome.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real packets through a real kernel: a client namespace sends UDP to a server namespace whose
 * nftables table this firewall installs; bans, rate limits and range blocks must stop them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NftablesEndToEndIT {

  private static final String TABLE = "abltest";
  private static final int SIP = 5060;
  private static final int LIMITED = 5061;
  private TwoHosts hosts;
  private Firewall firewall;

  @BeforeAll
  void setUp() throws Exception {
    KernelTools.require("ip", "nft");
    hosts = TwoHosts.open(SIP, LIMITED);
    FirewallSettings settings = FirewallSettings.defaults().withTable(TABLE).withCommandPrefix(hosts.server.prefix());
    AllowList allow = AllowList.builder().privateBannable(true).own(List.of(hosts.serverAddress, hosts.serverAddress6)).build();
    firewall = Firewall.nftables(settings, allow, Clock.systemUTC());
    firewall.install();
  }

  @AfterAll
  void tearDown() {
    try {
      if (firewall != null) {
        firewall.close();
      }
    } finally {
      if (hosts != null) {
        hosts.close();
      }
    }
  }

  @Test
  void aBanDropsTheClientsPacketsAndAnUnbanLetsThemThroughAgain() throws Exception {
    hosts.send(SIP, 5, "before");
    TwoHosts.await("packets before the ban", () -> hosts.received(SIP, "before") == 5);
    long dropped = hosts.server.counter(TABLE, "banned");

    BanOutcome ban = firewall.ban(hosts.clientAddress, Duration.ofMinutes(10)).join();
    assertThat(ban.status()).isEqualTo(Status.APPLIED);
    assertThat(hosts.server.exec("nft", "get", "element", "inet", TABLE, "ban4", "{ " + hosts.clientAddress + " }"))
        .contains(hosts.clientAddress.toString());
    hosts.send(SIP, 5, "banned");
    TwoHosts.await("the ban counter to count 5 drops", () -> hosts.server.counter(TABLE, "banned") >= dropped + 5);

    assertThat(firewall.unban(hosts.clientAddress).join().status()).isEqualTo(Status.APPLIED);
    hosts.send(SIP, 5, "after");
    TwoHosts.await("packets after the unban", () -> hosts.received(SIP, "after") == 5);
    assertThat(hosts.received(SIP, "banned")).as("datagrams that got through the ban").isZero();
    assertThat(hosts.server.counter(TABLE, "banned")).isEqualTo(dropped + 5);
  }

  @Test
  void anIpv6BanDropsTheClientsPacketsToo() throws Exception {
    hosts.send(hosts.serverAddress6, SIP, 3, "v6before");
    TwoHosts.await("IPv6 packets before the ban", () -> hosts.received(SIP, "v6before") == 3);
    assertThat(firewall.ban(hosts.clientAddress6, Duration.ofMinutes(10)).join().status()).isEqualTo(Status.APPLIED);
    long dropped = hosts.server.counter(TABLE, "banned");
    hosts.send(hosts.serverAddress6, SIP, 3, "v6banned");
    TwoHosts.await("3 IPv6 drops", () -> hosts.server.counter(TABLE, "banned") >= dropped + 3);
    firewall.unban(hosts.clientAddress6).join();
    hosts.send(hosts.serverAddress6, SIP, 3, "v6after");
    TwoHosts.await("IPv6 packets after the unban", () -> hosts.received(SIP, "v6after") == 3);
    assertThat(hosts.received(SIP, "v6banned")).isZero();
  }

  @Test
  void anIpv6NetworkBanDropsThePrefix() throws Exception {
    IpPrefix net = IpPrefix.of(hosts.clientAddress6, 127); // the /64 would hold the server itself: refused
    assertThat(firewall.ban(IpPrefix.of(hosts.clientAddress6, 64), Duration.ofMinutes(10)).join().status()).isEqualTo(Status.REFUSED);
    assertThat(firewall.ban(net, Duration.ofMinutes(10)).join().status()).isEqualTo(Status.APPLIED);
    long dropped = hosts.server.counter(TABLE, "banned");
    hosts.send(hosts.serverAddress6, SIP, 3, "v6netbanned");
    TwoHosts.await("3 drops by the IPv6 network ban", () -> hosts.server.counter(TABLE, "banned") >= dropped + 3);
    firewall.unban(net).join();
    hosts.send(hosts.serverAddress6, SIP, 3, "v6netafter");
    TwoHosts.await("IPv6 packets after the network unban", () -> hosts.received(SIP, "v6netafter") == 3);
    assertThat(hosts.received(SIP, "v6netbanned")).isZero();
  }

  @Test
  void aNetworkBanDropsTheWholePrefix() throws Exception {
    IpPrefix net = IpPrefix.of(hosts.clientAddress, 31); // the /30 would hold the server itself: refused
    assertThat(firewall.ban(net, Duration.ofMinutes(10)).join().status()).isEqualTo(Status.APPLIED);
    long dropped = hosts.server.counter(TABLE, "banned");
    hosts.send(SIP, 3, "netbanned");
    TwoHosts.await("3 drops by the network ban", () -> hosts.server.counter(TABLE, "banned") >= dropped + 3);
    firewall.unban(net).join();
    hosts.send(SIP, 3, "netafter");
    TwoHosts.await("packets after the network unban", () -> hosts.received(SIP, "netafter") == 3);
    assertThat(hosts.received(SIP, "netbanned")).isZero();
  }

  @Test
  void theRateLimitLetsTheBurstThroughAndDropsTheRest() throws Exception {
    firewall.rateLimit(Protocol.UDP, LIMITED, 3, Duration.ofSeconds(60));
    hosts.send(LIMITED, 10, "flood");
    TwoHosts.await("7 rate-limited drops", () -> hosts.server.counter(TABLE, "rl_udp_" + LIMITED) >= 7);
    hosts.send(SIP, 1, "sync");
    TwoHosts.await("the packet after the flood", () -> hosts.received(SIP, "sync") == 1);
    assertThat(hosts.received(LIMITED, "flood")).isEqualTo(3);
    assertThat(hosts.server.counter(TABLE, "rl_udp_" + LIMITED)).isEqualTo(7);
  }

  @Test
  void aRangeBlockDropsItsPrefixesOnItsPortAndIsReplacedAtomically() throws Exception {
    IpPrefix clientNet = IpPrefix.of(hosts.clientAddress, 30);
    firewall.blockRanges(new RangeBlock("test-cloud", List.of(clientNet, IpPrefix.parse("192.0.2.0/24")),
        Optional.of(new Port(Protocol.UDP, SIP)), Optional.empty()));
    hosts.send(SIP, 4, "ranged");
    TwoHosts.await("4 drops by the range block", () -> hosts.server.counter(TABLE, "r_test-cloud") >= 4);

    firewall.blockRanges(new RangeBlock("test-cloud", List.of(IpPrefix.parse("192.0.2.0/24")),
        Optional.of(new Port(Protocol.UDP, SIP)), Optional.empty()));
    hosts.send(SIP, 4, "rebuilt");
    TwoHosts.await("packets after the rebuild", () -> hosts.received(SIP, "rebuilt") == 4);
    assertThat(hosts.received(SIP, "ranged")).isZero();
    assertThat(hosts.server.exec("nft", "list", "set", "inet", TABLE, "r4_test-cloud")).contains("192.0.2.0/24")
        .doesNotContain(clientNet.toString());
    firewall.dropRanges("test-cloud");
    assertThat(hosts.server.exec("nft", "list", "sets", "inet")).doesNotContain("r4_test-cloud");
  }

  @Test
  void theServerItselfCannotBeBanned() {
    BanOutcome o = firewall.ban(hosts.serverAddress, Duration.ofMinutes(10)).join();
    assertThat(o.status()).isEqualTo(Status.REFUSED);
    assertThat(hosts.server.exec("nft", "list", "set", "inet", TABLE, "ban4")).doesNotContain(hosts.serverAddress.toString());
  }
}
