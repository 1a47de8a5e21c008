package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Tally;
import org.junit.jupiter.api.Test;

/** The bounded tally of an incident's targets: order first seen, "others" past the limit, against a map. */
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
}
