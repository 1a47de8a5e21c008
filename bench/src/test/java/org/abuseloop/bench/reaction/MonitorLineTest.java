package org.abuseloop.bench.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's reading of {@code nft monitor} lines (as nft 1.0.6 prints them). */
class MonitorLineTest {

  @Test
  void readsAnElementWithItsTimeout() {
    MonitorLine m = MonitorLine.parse("add element inet ablreact ban4 { 198.18.1.7 timeout 10m expires 9m59s996ms }")
        .orElseThrow();
    assertThat(m.isAdd()).isTrue();
    assertThat(m.family()).isEqualTo("inet");
    assertThat(m.table()).isEqualTo("ablreact");
    assertThat(m.set()).isEqualTo("ban4");
    assertThat(m.elements()).containsExactly("198.18.1.7");
  }

  @Test
  void readsAnElementWithoutTimeoutAndFail2bansNames() {
    MonitorLine m = MonitorLine.parse("add element inet f2b-table addr-set-sshd { 198.19.0.14 }").orElseThrow();
    assertThat(m.table()).isEqualTo("f2b-table");
    assertThat(m.set()).isEqualTo("addr-set-sshd");
    assertThat(m.elements()).containsExactly("198.19.0.14");
  }

  @Test
  void readsSeveralElementsPrefixesAndIpv6() {
    MonitorLine m = MonitorLine.parse(
        "add element inet t net4_24 { 198.18.3.0/24 timeout 1h expires 59m, 2001:db8::7 timeout 10m }").orElseThrow();
    assertThat(m.elements()).containsExactly("198.18.3.0/24", "2001:db8::7");
  }

  @Test
  void tellsDeletionsFromAdditions() {
    MonitorLine m = MonitorLine.parse("delete element inet t ban4 { 198.18.1.7 }").orElseThrow();
    assertThat(m.isAdd()).isFalse();
    assertThat(m.verb()).isEqualTo("delete");
  }

  @Test
  void ignoresEverythingElse() {
    assertThat(MonitorLine.parse("add table inet t")).isEmpty();
    assertThat(MonitorLine.parse("add set inet t ban4 { type ipv4_addr; flags timeout; }")).isEmpty();
    assertThat(MonitorLine.parse("add rule inet t input ip saddr { 198.18.1.7 } drop")).isEmpty();
    assertThat(MonitorLine.parse("add element inet t ban4 {  }")).isEmpty();
    assertThat(MonitorLine.parse("netlink: Error: Could not process rule: No buffer space available")).isEmpty();
    assertThat(MonitorLine.parse("")).isEmpty();
  }
}
