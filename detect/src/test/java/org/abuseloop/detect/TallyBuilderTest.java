package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Tally;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The bounded tally of an incident's targets: order first seen, "others" past the limit, against a map;
 * addresses and ports counted by their bits as by {@code equals}.
 */
class TallyBuilderTest {

  private static List<String> entries(Tally<?> t) {
    List<String> out = new ArrayList<>();
    t.entries().forEach(e -> out.add(e.value() + "x" + e.count()));
    return out;
  }

  @Test
  void countsInTheOrderFirstSeenAndPutsNewValuesPastTheLimitInOthers() {
    TallyBuilder<String> t = new TallyBuilder<>(2);
    t.add("b", 1);
    t.add("a", 2);
    t.add("b", 3);
    t.add(null, 5);
    t.add("c", 4);
    t.add("a", 1);
    t.add("c", 1);
    Tally<String> built = t.build();
    assertThat(entries(built)).containsExactly("bx4", "ax3");
    assertThat(built.others()).isEqualTo(5);
  }

  @Test
  void valuesWithEqualHashesStayApart() {
    TallyBuilder<String> t = new TallyBuilder<>(16);
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    t.add("Aa", 1);
    t.add("BB", 1);
    t.add("Aa", 1);
    t.add("BB", 2);
    assertThat(entries(t.build())).containsExactly("Aax2", "BBx3");
  }

  @Test
  void agreesWithALinkedHashMapAtEveryLimit() {
    for (int limit : new int[] {1, 2, 16, 33, 200, 1000}) {
      Random random = new Random(limit);
      TallyBuilder<IpAddress> t = new TallyBuilder<>(limit);
      Map<IpAddress, Long> expected = new LinkedHashMap<>();
      long others = 0;
      for (int i = 0; i < 5000; i++) {
        IpAddress a = IpAddress.ofIPv4(0xC6336400 | random.nextInt(i % 7 == 0 ? 3 : 300));
        long n = 1 + random.nextInt(3);
        t.add(a, n);
        if (expected.containsKey(a) || expected.size() < limit) {
          expected.merge(a, n, Long::sum);
        } else {
          others += n;
        }
      }
      List<String> want = new ArrayList<>();
      expected.forEach((k, v) -> want.add(k + "x" + v));
      Tally<IpAddress> built = t.build();
      assertThat(entries(built)).as("limit " + limit).isEqualTo(want);
      assertThat(built.others()).as("limit " + limit).isEqualTo(others);
    }
  }

  @Property(tries = 300)
  void addressesCountedByTheirBitsAgreeWithEquals(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 11) Integer> picks,
      @ForAll @IntRange(min = 1, max = 8) int limit) {
    // IPv4 192.0.2.1 and the IPv6 ::c000:201 (not IPv4-mapped) share their low bits: distinct values.
    List<IpAddress> pool = List.of(IpAddress.of("192.0.2.1"), IpAddress.ofIPv6(0, 0xC0000201L),
        IpAddress.of("192.0.2.2"), IpAddress.ofIPv6(0, 0xC0000202L), IpAddress.of("2001:db8::1"),
        IpAddress.of("2001:db8::2"), IpAddress.of("198.51.100.7"), IpAddress.ofIPv6(0, 1), IpAddress.ofIPv4(1),
        IpAddress.ofIPv4(0), IpAddress.ofIPv6(0, 0), IpAddress.of("203.0.113.9"));
    TallyBuilder<IpAddress> byBits = new TallyBuilder<>(limit);
    Map<IpAddress, Long> expected = new LinkedHashMap<>();
    long others = 0;
    for (int i = 0; i < picks.size(); i++) {
      IpAddress a = pool.get(picks.get(i));
      // Through both entry points, with a fresh but equal object now and then.
      if (i % 3 == 0) {
        byBits.add(a.isIPv4() ? IpAddress.ofIPv4(a.ipv4Bits()) : IpAddress.ofIPv6(a.high(), a.low()), 1);
      } else {
        byBits.addAddress(a, 1);
      }
      if (expected.containsKey(a) || expected.size() < limit) {
        expected.merge(a, 1L, Long::sum);
      } else {
        others++;
      }
    }
    List<String> want = new ArrayList<>();
    expected.forEach((k, v) -> want.add(k + "x" + v));
    Tally<IpAddress> built = byBits.build();
    assertThat(entries(built)).isEqualTo(want);
    assertThat(built.others()).isEqualTo(others);
    byBits.addAddress(null, 5);
    assertThat(byBits.build().others()).isEqualTo(others);
  }

  @Property(tries = 300)
  void portsCountedUnboxedAgreeWithBoxedOnes(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 70_000) Integer> ports,
      @ForAll @IntRange(min = 1, max = 20) int limit) {
    TallyBuilder<Integer> unboxed = new TallyBuilder<>(limit);
    Map<Integer, Long> expected = new LinkedHashMap<>();
    long others = 0;
    for (int i = 0; i < ports.size(); i++) {
      int p = ports.get(i) % 40 == 0 ? 0 : 1 + ports.get(i) % 50;
      if (i % 2 == 0) {
        unboxed.addPort(p, 1);
      } else if (p > 0) {
        unboxed.add(p, 1);
      }
      if (p == 0) {
        continue;
      }
      if (expected.containsKey(p) || expected.size() < limit) {
        expected.merge(p, 1L, Long::sum);
      } else {
        others++;
      }
    }
    List<String> want = new ArrayList<>();
    expected.forEach((k, v) -> want.add(k + "x" + v));
    Tally<Integer> built = unboxed.build();
    assertThat(entries(built)).isEqualTo(want);
    assertThat(built.others()).isEqualTo(others);
  }

  @Property(tries = 300)
  void namesWithCollidingHashesAgreeWithALinkedHashMapAsTheTableGrows(
      @ForAll @Size(min = 1, max = 600) List<@IntRange(min = 0, max = 63) Integer> picks,
      @ForAll @IntRange(min = 0, max = 70) int limit) {
    // "Aa" and "BB" share a hash, so every name made of them shares one with 2^k others.
    TallyBuilder<String> tally = new TallyBuilder<>(limit);
    Map<String, Long> expected = new LinkedHashMap<>();
    long others = 0;
    for (int i = 0; i < picks.size(); i++) {
      int pick = picks.get(i);
      StringBuilder name = new StringBuilder();
      for (int bit = 0; bit < 6; bit++) {
        name.append((pick >> bit & 1) == 0 ? "Aa" : "BB");
      }
      String user = name.toString();
      long n = 1 + i % 3;
      tally.add(i % 5 == 0 ? new String(user) : user, n);
      if (expected.containsKey(user) || expected.size() < limit) {
        expected.merge(user, n, Long::sum);
      } else {
        others += n;
      }
    }
    List<String> want = new ArrayList<>();
    expected.forEach((k, v) -> want.add(k + "x" + v));
    Tally<String> built = tally.build();
    assertThat(entries(built)).isEqualTo(want);
    assertThat(built.others()).isEqualTo(others);
  }

  @Property(tries = 300)
  void aCallerThatCopiesTheFilterOnceFullCountsAsTheTallyDoes(
      @ForAll @Size(min = 1, max = 600) List<@IntRange(min = 0, max = 400) Integer> picks,
      @ForAll @IntRange(min = 0, max = 40) int limit) {
    TallyBuilder<Integer> plain = new TallyBuilder<>(limit);
    TallyBuilder<Integer> filtered = new TallyBuilder<>(limit);
    boolean full = false;
    long low = 0;
    long high = 0;
    long others = 0;
    for (int i = 0; i < picks.size(); i++) {
      int port = 1 + picks.get(i) % (i < 100 ? 30 : 400);
      plain.addPort(port, 1);
      if (i % 7 == 0) {
        // Values added directly (as an incident's opening set does) are in the filter too.
        full = false;
        filtered.add(port, 1);
      } else if (full && !TallyBuilder.mayList(low, high, port)) {
        others++;
      } else if (!filtered.addPort(port, 1) && !full) {
        full = true;
        low = filtered.listedLow();
        high = filtered.listedHigh();
      }
    }
    filtered.addOthers(others);
    assertThat(entries(filtered.build())).isEqualTo(entries(plain.build()));
    assertThat(filtered.build().others()).isEqualTo(plain.build().others());
    for (Tally.Entry<Integer> e : plain.build().entries()) {
      assertThat(TallyBuilder.mayList(plain.listedLow(), plain.listedHigh(), e.value())).isTrue();
    }
  }
}
