package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.firewall.BanOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nftables scripts, read through the dry run, which prints them instead of running them. */
class DryRunFirewallTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final Firewall firewall = Firewall.dryRun(new PrintStream(printed, true, StandardCharsets.UTF_8),
      FirewallSettings.defaults().withTable("abl").withPriority(-5),
      AllowList.builder().allow(IpPrefix.parse("198.51.100.0/24")).build(), clock);

  @AfterEach
  void close() {
    firewall.close();
  }

  @Test
  void installReplacesTheTableAtomicallyWithSetsChainAndAllowList() {
    firewall.install();
    String s = text();
    assertThat(s).contains("add table inet abl\ndelete table inet abl\nadd table inet abl\n")
        .contains("add set inet abl ban4 { type ipv4_addr; flags timeout; }")
        .contains("add set inet abl ban6 { type ipv6_addr; flags timeout; }")
        .contains("add chain inet abl input { type filter hook input priority -5; policy accept; }")
        .contains("add rule inet abl input ip saddr @ban4 counter name banned drop")
        .contains("add rule inet abl input ip6 saddr @ban6 counter name banned drop")
        .containsPattern("add element inet abl allow4 \\{ [^}]*198\\.51\\.100\\.0/24")
        .containsPattern("add element inet abl allow6 \\{ [^}]*::1/128");
    assertThat(s.indexOf("ip saddr @allow4 accept")).isLessThan(s.indexOf("ip saddr @ban4 counter"));
  }

  @Test
  void aBanIsOneElementWithItsOwnTimeoutAndAnUnbanDeletesItSafely() {
    BanOutcome o = firewall.ban(IpAddress.of("192.0.2.1"), Duration.ofMinutes(10)).join();
    assertThat(o.status()).isEqualTo(Status.APPLIED);
    assertThat(text()).contains("add element inet abl ban4 { 192.0.2.1 timeout 600s }");
    firewall.unban(IpAddress.of("192.0.2.1")).join();
    assertThat(text()).contains("add element inet abl ban4 { 192.0.2.1 }\ndelete element inet abl ban4 { 192.0.2.1 }");
    assertThat(firewall.list()).isEmpty();
  }

  @Test
  void aRenewalReplacesTheElementSoOldKernelsTakeTheNewTimeout() {
    firewall.ban(IpAddress.of("2001:db8::5"), Duration.ofSeconds(30)).join();
    firewall.ban(IpAddress.of("2001:db8::5"), Duration.ofMillis(90_500)).join();
    assertThat(text()).contains("add element inet abl ban6 { 2001:db8::5 }\ndelete element inet abl ban6 { 2001:db8::5 }\n"
        + "add element inet abl ban6 { 2001:db8::5 timeout 90500ms }");
  }

  @Test
  void networkBansGoToASetPerPrefixLengthMatchedThroughTheMask() {
    firewall.ban(IpPrefix.parse("203.0.113.0/24"), Duration.ofHours(1)).join();
    firewall.ban(IpPrefix.parse("2001:db8:5::/64"), Duration.ofHours(1)).join();
    firewall.ban(IpPrefix.parse("192.0.2.0/24"), Duration.ofHours(1)).join();
    assertThat(text()).contains("add set inet abl net4_24 { type ipv4_addr; flags timeout; }\n"
            + "add rule inet abl input ip saddr & 255.255.255.0 @net4_24 counter name banned drop\n"
            + "add element inet abl net4_24 { 203.0.113.0 timeout 3600s }")
        .contains("add rule inet abl input ip6 saddr & ffff:ffff:ffff:ffff:: @net6_64 counter name banned drop\n"
            + "add element inet abl net6_64 { 2001:db8:5:: timeout 3600s }")
        .contains("add element inet abl net4_24 { 192.0.2.0 timeout 3600s }");
    assertThat(text().split("add set inet abl net4_24", -1)).as("the set is created once").hasSize(2);
  }

  @Test
  void masksOfEveryLength() {
    assertThat(NftBackend.mask(IpPrefix.parse("192.0.2.0/24"))).isEqualTo("255.255.255.0");
    assertThat(NftBackend.mask(IpPrefix.parse("192.0.0.0/17"))).isEqualTo("255.255.128.0");
    assertThat(NftBackend.mask(IpPrefix.parse("2001:db8::/48"))).isEqualTo("ffff:ffff:ffff::");
    assertThat(NftBackend.mask(IpPrefix.parse("2001:db8::/96"))).isEqualTo("ffff:ffff:ffff:ffff:ffff:ffff::");
    assertThat(NftBackend.mask(IpPrefix.parse("2001:db8::/127"))).isEqualTo("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
  }

  @Test
  void refusesAllowListedTargetsWithoutPrintingAnything() {
    BanOutcome o = firewall.ban(IpAddress.of("198.51.100.7"), Duration.ofHours(1)).join();
    assertThat(o.status()).isEqualTo(Status.REFUSED);
    assertThat(o.detail()).contains("allow-listed");
    assertThat(text()).isEmpty();
    assertThat(firewall.list()).isEmpty();
  }

  @Test
  void aBatchMergesConsecutiveAddsIntoOneStatement() {
    NftBackend.NftScript s = new NftBackend.NftScript("inet abl").changes(List.of(
        SetChange.add(IpPrefix.parse("192.0.2.1"), 1000), SetChange.add(IpPrefix.parse("192.0.2.2"), 2000),
        SetChange.remove(IpPrefix.parse("192.0.2.1")), SetChange.add(IpPrefix.parse("192.0.2.1"), 3000),
        SetChange.add(IpPrefix.parse("192.0.2.1"), 4000)));
    assertThat(s.text()).isEqualTo("add element inet abl ban4 { 192.0.2.1 timeout 1s, 192.0.2.2 timeout 2s }\n"
        + "add element inet abl ban4 { 192.0.2.1 }\ndelete element inet abl ban4 { 192.0.2.1 }\n"
        + "add element inet abl ban4 { 192.0.2.1 timeout 3s }\n"
        + "add element inet abl ban4 { 192.0.2.1 timeout 4s }\n");
  }

  @Test
  void rateLimitIsAPerSourceMeterPerFamily() {
    firewall.rateLimit(RateLimit.of(Protocol.UDP, 5060, 3, Duration.ofSeconds(60)));
    assertThat(text()).contains("flush chain inet abl limits")
        .contains("add set inet abl rl4_udp_5060 { type ipv4_addr; size 65536; flags dynamic, timeout; timeout 120s; }")
        .contains("add rule inet abl limits udp dport 5060 update @rl4_udp_5060 { ip saddr limit rate over 3/minute burst 3 packets } counter name rl_udp_5060 drop")
        .contains("update @rl6_udp_5060 { ip6 saddr limit rate over 3/minute burst 3 packets }");
  }

  @Test
  void changingARateLimitRecreatesItsMeter() {
    firewall.rateLimit(RateLimit.of(Protocol.UDP, 5060, 3, Duration.ofSeconds(60)));
    printed.reset();
    firewall.rateLimit(RateLimit.of(Protocol.UDP, 5060, 10, Duration.ofSeconds(60)));
    assertThat(text()).contains("delete set inet abl rl4_udp_5060\n").contains("10/minute");
  }

  @Test
  void rangeBlocksAreReplacedInOneTransaction() {
    firewall.blockRanges(new RangeBlock("cloud-a", List.of(IpPrefix.parse("192.0.2.0/24"), IpPrefix.parse("192.0.2.128/25"),
        IpPrefix.parse("2001:db8:100::/40")), Optional.of(new Port(Protocol.TCP, 1080)), Optional.empty()));
    String first = text();
    assertThat(first).contains("add set inet abl r4_cloud-a { type ipv4_addr; flags interval; }")
        .contains("flush set inet abl r4_cloud-a\nadd element inet abl r4_cloud-a { 192.0.2.0/24 }")
        .contains("add element inet abl r6_cloud-a { 2001:db8:100::/40 }")
        .contains("add rule inet abl ranges ip saddr @r4_cloud-a tcp dport 1080 counter name r_cloud-a drop");
    assertThat(first.split("# EOF", -1)).as("one transaction").hasSize(2);
    printed.reset();
    firewall.blockRanges(new RangeBlock("cloud-a", List.of(IpPrefix.parse("198.51.100.0/24")), Optional.empty(),
        Optional.of(Rate.of(3, Duration.ofSeconds(60)))));
    assertThat(text()).contains("flush set inet abl r4_cloud-a\nadd element inet abl r4_cloud-a { 198.51.100.0/24 }")
        .contains("ip saddr @r4_cloud-a update @rr4_cloud-a { ip saddr limit rate over 3/minute burst 3 packets } counter name r_cloud-a drop")
        .doesNotContain("192.0.2.0/24");
    printed.reset();
    firewall.dropRanges("cloud-a");
    assertThat(text()).contains("delete set inet abl r4_cloud-a").contains("delete set inet abl rr4_cloud-a")
        .doesNotContain("add rule");
  }

  @Test
  void removeDeletesTheWholeTable() {
    firewall.remove();
    assertThat(text()).contains("add table inet abl\ndelete table inet abl\n");
  }

  @Test
  void aReinstallIsOneScriptWithTheLimitsBlocksAndEveryBanHeldOrGiven() {
    firewall.ban(IpAddress.of("192.0.2.1"), Duration.ofMinutes(10)).join();
    printed.reset();
    Instant now = clock.instant();
    Ruleset rules = new Ruleset(List.of(RateLimit.of(Protocol.UDP, 5060, 3, Duration.ofSeconds(60))),
        List.of(RangeBlock.of("aws", List.of(IpPrefix.parse("203.0.113.0/24")))),
        List.of(new Ban(IpPrefix.parse("192.0.2.9"), now, now.plusSeconds(60)),
            new Ban(IpPrefix.parse("203.0.112.0/24"), now, now.plusSeconds(120)),
            new Ban(IpPrefix.parse("203.0.112.7"), now.minusSeconds(90), now.minusSeconds(30)),
            new Ban(IpPrefix.parse("198.51.100.7"), now, now.plusSeconds(60))));

    assertThat(firewall.reinstall(rules)).as("held, given, and not the ended or allow-listed ones").isEqualTo(3);

    String s = text();
    assertThat(s.split("# nft -f - <<'EOF'", -1)).as("one script").hasSize(2);
    assertThat(s).contains("add table inet abl\ndelete table inet abl\nadd table inet abl\n",
        "add rule inet abl limits udp dport 5060 update @rl4_udp_5060", "add element inet abl r4_aws { 203.0.113.0/24 }",
        "add set inet abl net4_24 { type ipv4_addr; flags timeout; }",
        "add element inet abl net4_24 { 203.0.112.0 timeout 120s }")
        .containsPattern("add element inet abl ban4 \\{ (192\\.0\\.2\\.1 timeout 600s, 192\\.0\\.2\\.9 timeout 60s"
            + "|192\\.0\\.2\\.9 timeout 60s, 192\\.0\\.2\\.1 timeout 600s) \\}")
        .doesNotContain("203.0.112.7", "198.51.100.7");
    assertThat(firewall.list()).extracting(Ban::target).containsExactlyInAnyOrder(
        IpPrefix.parse("192.0.2.1"), IpPrefix.parse("192.0.2.9"), IpPrefix.parse("203.0.112.0/24"));

    printed.reset();
    firewall.reinstall(Ruleset.empty());
    assertThat(text()).as("the limits and blocks are replaced, the held bans kept")
        .doesNotContain("5060", "r4_aws").contains("192.0.2.9 timeout 60s");
  }

  private String text() {
    return printed.toString(StandardCharsets.UTF_8);
  }
}
