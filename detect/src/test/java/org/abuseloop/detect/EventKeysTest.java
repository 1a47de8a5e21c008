package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead of an event's keys changes nothing: no key is touched, created or evicted by it, so
 * the table evicts exactly the key it would have evicted without it; and the batch is reusable.
 */
class EventKeysTest {

  private static Key key(int n) {
    return Key.address(IpAddress.ofIPv4(0xC6336400 + n));
  }

  @Test
  void warmingKeysTouchesNothingAndTheColdestIsStillEvicted() {
    KeyTable table = new KeyTable(3, 4, 4, 2);
    List<Key> evicted = new ArrayList<>();
    for (int n = 0; n < 3; n++) {
      table.create(key(n), 0, gone -> evicted.add(table.key(gone)));
    }
    EventKeys keys = new EventKeys(4);
    // Key 0 is the least recently touched; a tracked key (0, 2) and an untracked one (9) are read ahead.
    for (int n : new int[] {0, 9, 2}) {
      Key k = key(n);
      keys.add(k.high(), k.low(), k.meta(), k.owner(), null, 1);
    }
    keys.warm(table);
    assertThat(table.size()).isEqualTo(3);
    assertThat(table.find(key(9))).isNegative();
    table.create(key(5), 1, gone -> evicted.add(table.key(gone)));
    assertThat(evicted).containsExactly(key(0));
    keys.clear();
    assertThat(keys.size()).isZero();
    Key k = key(1);
    keys.add(k.high(), k.low(), k.meta(), k.owner(), null, 0);
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.meta(0)).isEqualTo(k.meta());
    assertThat(keys.column(0)).isZero();
  }
}
