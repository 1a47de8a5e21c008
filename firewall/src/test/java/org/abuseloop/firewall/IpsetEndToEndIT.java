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

/** The ipset + iptables fallback with real packets between two namespaces. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IpsetEndToEndIT {

  private static final int SIP = 5060;
  private static final int LIMITED = 5061;
  private TwoHosts hosts;
  private Firewall firewall;

  @BeforeAll
  void setUp() throws Exception {
    KernelTools.require("ip", "ipset", "iptables", "ip6tables", "iptables-restore", "ip6tables-restore");
    hosts = TwoHosts.open(SIP, LIMITED);
    FirewallSettings settings = FirewallSettings.defaults().withTable("abltest").withCommandPrefix(hosts.server.prefix());
    AllowList allow = AllowList.builder().privateBannable(true).own(List.of(hosts.serverAddress, hosts.serverAddress6)).build();
    firewall = Firewall.ipset(settings, allow, Clock.systemUTC());
    firewall.install();
  }

  @AfterAll
  void tearDown() {
    try {
      if (firewall != null) {
        firewall.remove();
        firewall.close();
      }
    } finally {
      if (hosts != null) {
        hosts.close();
      }
    }
  }

  /** The packets dropped by the iptables rule matching {@code set}. */
  private long drops(String set) {
    long sum = 0;
    for (String line : hosts.server.exec("iptables", "-L", "ABLTEST", "-n", "-v", "-x").split("\n")) {
      if (line.contains("match-set " + set + " ")) {
        sum += Long.parseLong(line.strip().split("\\s+")[0]);
      }
    }
    return sum;
  }

  @Test
  void installsSetsAndOneJumpPerFamily() {
    assertThat(hosts.server.exec("ipset", "list", "-n")).contains("abltest-ban-4", "abltest-ban-6", "abltest-net-4", "abltest-allow-4");
    assertThat(hosts.server.exec("iptables", "-S", "INPUT")).containsOnlyOnce("-j ABLTEST");
    assertThat(hosts.server.exec("ip6tables", "-S", "INPUT")).containsOnlyOnce("-j ABLTEST");
    assertThat(hosts.server.exec("iptables", "-S", "ABLTEST")).contains("--match-set abltest-ban-4 src -j DROP");
  }

  @Test
  void aBanDropsTheClientsPacketsAndAnUnbanLetsThemThroughAgain() throws Exception {
    hosts.send(SIP, 3, "before");
    TwoHosts.await("packets before the ban", () -> hosts.received(SIP, "before") == 3);
    assertThat(firewall.ban(hosts.clientAddress, Duration.ofMinutes(10)).join().status()).isEqualTo(Status.APPLIED);
    assertThat(hosts.server.exec("ipset", "list", "abltest-ban-4")).contains(hosts.clientAddress + " timeout ");
    long dropped = drops("abltest-ban-4");
    hosts.send(SIP, 3, "banned");
    TwoHosts.await("3 drops by the ban", () -> drops("abltest-ban-4") >= dropped + 3);
    assertThat(firewall.unban(hosts.clientAddress).join().status()).isEqualTo(Status.APPLIED);
    hosts.send(SIP, 3, "after");
    TwoHosts.await("packets after the unban", () -> hosts.received(SIP, "after") == 3);
    assertThat(hosts.received(SIP, "banned")).isZero();
  }

  @Test
  void theRateLimitDropsBeyondTheBurst() throws Exception {
    firewall.rateLimit(RateLimit.of(Protocol.UDP, LIMITED, 3, Duration.ofSeconds(60)));
    hosts.send(LIMITED, 10, "flood");
    hosts.send(SIP, 1, "sync");
    TwoHosts.await("the packet after the flood", () -> hosts.received(SIP, "sync") == 1);
    assertThat(hosts.received(LIMITED, "flood")).isEqualTo(3);
  }

  @Test
  void aRangeBlockIsSwappedInAndOut() throws Exception {
    firewall.blockRanges(new RangeBlock("test-cloud", List.of(IpPrefix.of(hosts.clientAddress, 30)),
        Optional.of(new Port(Protocol.UDP, SIP)), Optional.empty()));
    hosts.send(SIP, 3, "ranged");
    TwoHosts.await("3 drops by the range block", () -> drops("abltest-r4-test-cloud") >= 3);
    firewall.blockRanges(RangeBlock.of("test-cloud", List.of(IpPrefix.parse("192.0.2.0/24"))));
    hosts.send(SIP, 3, "rebuilt");
    TwoHosts.await("packets after the rebuild", () -> hosts.received(SIP, "rebuilt") == 3);
    assertThat(hosts.received(SIP, "ranged")).isZero();
    assertThat(hosts.server.exec("ipset", "list", "abltest-r4-test-cloud")).contains("192.0.2.0/24");
    firewall.dropRanges("test-cloud");
    assertThat(hosts.server.exec("ipset", "list", "-n")).doesNotContain("test-cloud");
  }
}
