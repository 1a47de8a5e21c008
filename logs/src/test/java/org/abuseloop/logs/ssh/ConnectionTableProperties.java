package org.abuseloop.logs.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The connection table answers every sequence of puts, gets and removes as an access-ordered
 * {@link LinkedHashMap} with the same size cap does (the structure it replaces), evictions included.
 */
class ConnectionTableProperties {

  /** One operation on a key: 0 get, 1 put, 2 remove. */
  record Op(int kind, long key) {}

  @Property(tries = 500)
  void behavesAsAnAccessOrderedLinkedHashMapWithACap(@ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 9) int capacity) {
    ConnectionTable<Long> table = new ConnectionTable<>(capacity);
    Map<Long, Long> reference = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
        return size() > capacity;
      }
    };
    long value = 0;
    for (Op op : ops) {
      switch (op.kind()) {
        case 0 -> assertThat(table.get(op.key())).isEqualTo(reference.get(op.key()));
        case 1 -> {
          value++;
          table.put(op.key(), value);
          reference.put(op.key(), value);
        }
        default -> {
          table.remove(op.key());
          reference.remove(op.key());
        }
      }
      assertThat(table.size()).isEqualTo(reference.size());
    }
    for (long key = -3; key < 40; key++) {
      assertThat(table.get(key)).as("key %d", key).isEqualTo(reference.get(key));
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    // Keys that collide in a small table (multiples of a power of two) as well as plain ones.
    Arbitrary<Long> keys = Arbitraries.oneOf(Arbitraries.longs().between(-3, 30),
        Arbitraries.longs().between(0, 7).map(k -> k * 1024), Arbitraries.longs().between(0, 7).map(k -> k * 4));
    return Combinators.combine(Arbitraries.integers().between(0, 2), keys).as(Op::new).list().ofMaxSize(200);
  }
}
