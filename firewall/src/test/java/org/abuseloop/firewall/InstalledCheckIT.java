package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.abuseloop.logs.conformance.NetNamespace;
import org.junit.jupiter.api.Test;

/**
 * {@link Firewall#isInstalled()} against a real kernel, each backend in a namespace of its own: true
 * after install, false once someone flushed the ruleset, true again after a new install.
 */
class InstalledCheckIT {

  @Test
  void nftablesNoticesAFlushedRuleset() {
    KernelTools.require("ip", "nft");
    try (NetNamespace ns = NetNamespace.create("inst")) {
      FirewallSettings settings = FirewallSettings.defaults().withTable("ablinst").withCommandPrefix(ns.prefix());
      try (Firewall firewall = Firewall.nftables(settings, AllowList.builder().build(), Clock.systemUTC())) {
        firewall.install();
        assertThat(firewall.isInstalled()).isTrue();
        ns.exec("nft", "flush", "ruleset");
        assertThat(firewall.isInstalled()).isFalse();
        firewall.install();
        assertThat(firewall.isInstalled()).isTrue();
        ns.exec("nft", "delete", "table", "inet", "ablinst");
        assertThat(firewall.isInstalled()).isFalse();
      }
    }
  }

  @Test
  void ipsetNoticesAFlushedInputChain() {
    KernelTools.require("ip", "ipset", "iptables", "ip6tables", "iptables-restore", "ip6tables-restore");
    try (NetNamespace ns = NetNamespace.create("inst")) {
      FirewallSettings settings = FirewallSettings.defaults().withTable("ablinst").withCommandPrefix(ns.prefix());
      try (Firewall firewall = Firewall.ipset(settings, AllowList.builder().build(), Clock.systemUTC())) {
        firewall.install();
        assertThat(firewall.isInstalled()).isTrue();
        ns.exec("iptables", "-F", "INPUT");
        assertThat(firewall.isInstalled()).isFalse();
        firewall.install();
        assertThat(firewall.isInstalled()).isTrue();
        firewall.remove();
        assertThat(firewall.isInstalled()).isFalse();
      }
    }
  }

  @Test
  void aDryRunHasNothingToCheck() {
    try (Firewall firewall = Firewall.dryRun(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
        FirewallSettings.defaults(), AllowList.builder().build(), Clock.systemUTC())) {
      assertThat(firewall.isInstalled()).isTrue();
    }
  }
}
