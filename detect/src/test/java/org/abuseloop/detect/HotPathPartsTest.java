package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;

/**
 * The parts the detector's hot path was rewritten with: the distinct set's packed entries (order,
 * replacement of the stalest, expiry), the per-family rule cache and the key's hand-written equality.
 */
class HotPathPartsTest {

  private static List<String> held(DistinctCounter c) {
    List<String> out = new ArrayList<>();
    c.forEach((v, n) -> out.add(v + "x" + n));
    return out;
  }

  @Test
  void aDistinctSetKeepsFirstArrivalOrderAndCountsRepeats() {
    DistinctCounter c = new DistinctCounter(4);
    assertThat(c.offer(0, 10, "a", 1000)).isFalse();
    assertThat(c.offer(1, 20, "b", 1000)).isFalse();
    assertThat(c.offer(2, 10, "a", 1000)).isFalse();
    assertThat(c.offer(3, 30, "c", 1000)).isFalse();
    assertThat(held(c)).containsExactly("ax2", "bx1", "cx1");
    assertThat(c.offer(4, 40, "d", 1000)).isTrue();
    assertThat(c.size()).isEqualTo(4);
    assertThat(c.events()).isEqualTo(5);
    assertThat(c.since()).isZero();
  }

  @Test
  void aFullDistinctSetReplacesTheValueSeenLongestAgoInPlace() {
    DistinctCounter c = new DistinctCounter(3);
    c.offer(0, 1, "a", 1000);
    c.offer(1, 2, "b", 1000);
    c.offer(2, 3, "c", 1000);
    c.offer(3, 1, "a", 1000);
    // "b" (seen at 1) is now the stalest: "d" takes its place, between "a" and "c".
    assertThat(c.offer(4, 4, "d", 1000)).isTrue();
    assertThat(held(c)).containsExactly("ax2", "dx1", "cx1");
  }

  @Test
  void valuesOlderThanTheWindowDropOutAndTheRestKeepTheirOrder() {
    DistinctCounter c = new DistinctCounter(10);
    c.offer(0, 1, "a", 100);
    c.offer(50, 2, "b", 100);
    c.offer(60, 3, "c", 100);
    c.offer(90, 1, "a", 100);
    c.offer(155, 4, "d", 100);
    // "b" (last seen at 50) is more than 100 ms old at 155; "a" was seen again at 90.
    assertThat(held(c)).containsExactly("ax2", "cx1", "dx1");
    c.offer(1000, 5, "e", 100);
    assertThat(held(c)).containsExactly("ex1");
    assertThat(c.since()).isEqualTo(1000);
    assertThat(c.events()).isEqualTo(1);
  }

  @Test
  void aDistinctSetGrowsToItsBoundOnlyAndStartsOverOnReset() {
    DistinctCounter c = new DistinctCounter(40);
    for (int i = 0; i < 100; i++) {
      c.offer(i, i, "v" + i, 10_000);
    }
    assertThat(c.size()).isEqualTo(40);
    assertThat(held(c)).hasSize(40).contains("v99x1").doesNotContain("v0x1");
    c.reset();
    assertThat(c.size()).isZero();
    assertThat(c.offer(200, 7, "w", 10)).isFalse();
    assertThat(held(c)).containsExactly("wx1");
  }

  @Test
  void familyMatchesAnswerPerRuleAndNullWhenNoRuleCounts() {
    List<Rule> rules = new ArrayList<>();
    for (Scenario s : DetectionConfig.defaults().scenarios()) {
      rules.add(new Rule(rules.size(), s));
    }
    FamilyMatches matches = new FamilyMatches(rules);
    for (Family f : List.of(Events.SSH_FAILED, Events.FW_DROP, Events.AST_NO_PEER, Events.SSH_FAILED)) {
      boolean[] m = matches.of(f);
      for (Rule r : rules) {
        assertThat(m[r.index]).as(r.scenario.id() + " on " + f.id()).isEqualTo(r.scenario.match().matches(f));
      }
    }
    // No default scenario counts an sshd scanner line.
    assertThat(rules).noneMatch(r -> r.scenario.match().matches(Events.SSH_PREAUTH));
    assertThat(matches.of(Events.SSH_PREAUTH)).isNull();
    assertThat(matches.of(Events.SSH_PREAUTH)).isNull();
    assertThat(matches.of(Events.SSH_FAILED)).isNotNull();
    // An equal family built anew gets the same answer.
    Family copy = new Family(Events.FW_DROP.id(), Events.FW_DROP.service(), Events.FW_DROP.kind());
    assertThat(matches.of(copy)).containsExactly(matches.of(Events.FW_DROP));
  }

  @Test
  void keysAreEqualExactlyWhenTheirPartsAre() {
    IpAddress a = IpAddress.of("198.51.100.7");
    IpAddress b = IpAddress.of("198.51.100.8");
    Key k = Key.address(a);
    assertThat(Key.address(IpAddress.of("198.51.100.7"))).isEqualTo(k).hasSameHashCodeAs(k);
    assertThat(k).isNotEqualTo(Key.address(b));
    assertThat(k.withPort(22)).isNotEqualTo(k).isNotEqualTo(k.withPort(23)).isEqualTo(Key.address(a).withPort(22));
    assertThat(k.withPort(22).source()).isEqualTo(k);
    assertThat(Key.prefix(IpPrefix.of(a, 24))).isNotEqualTo(Key.prefix(IpPrefix.of(a, 25)));
    assertThat(Key.owner("Cloud A")).isEqualTo(Key.owner("Cloud A")).hasSameHashCodeAs(Key.owner("Cloud A"))
        .isNotEqualTo(Key.owner("Cloud B"));
    assertThat(Key.address(IpAddress.of("2001:db8::7"))).isNotEqualTo(k);
    Map<Key, String> map = new java.util.HashMap<>();
    for (int i = 0; i < 1000; i++) {
      map.put(Key.address(IpAddress.ofIPv4(0xC6336400 + i)).withPort(i % 7), "k" + i);
    }
    assertThat(map).hasSize(1000);
    assertThat(map.get(Key.address(IpAddress.ofIPv4(0xC6336400 + 500)).withPort(500 % 7))).isEqualTo("k500");
  }
}
