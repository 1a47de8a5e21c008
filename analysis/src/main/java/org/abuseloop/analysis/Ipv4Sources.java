package org.abuseloop.analysis;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpAddress;

/**
 * The distinct IPv4 sources of a breakdown's (port, source) counts, numbered: each one's bits, events
 * over all ports, owner (looked up once per source) and provider number in a {@link Providers}, and its
 * text, made once when first listed. Built once when the breakdown is built; not thread-safe.
 */
final class Ipv4Sources {

  private final IntArrayList bits = new IntArrayList();
  private final LongArrayList totals = new LongArrayList();
  private final List<SourceOwner> owners = new ArrayList<>();
  private final IntArrayList providers = new IntArrayList();
  private String[] texts;

  /**
   * Numbers the sources of {@code pairs} (port key in the upper 32 bits, address in the lower), adds
   * each pair's count to its source, and returns the source number of each pair in {@code numbers}.
   */
  static Ipv4Sources of(long[] pairs, long[] counts, int length, int[] numbers, OwnerLookup lookup, Providers names) {
    Ipv4Sources s = new Ipv4Sources();
    Int2IntOpenHashMap index = new Int2IntOpenHashMap();
    index.defaultReturnValue(-1);
    for (int i = 0; i < length; i++) {
      numbers[i] = s.count((int) pairs[i], counts[i], index, lookup, names);
    }
    s.texts = new String[s.bits.size()];
    return s;
  }

  // One pair, in a method of its own: the loop above runs once, interpreted until compiled on the stack,
  // and would stay so for tens of thousands of pairs if the work were in it.
  private int count(int address, long count, Int2IntOpenHashMap index, OwnerLookup lookup, Providers names) {
    int n = index.get(address);
    if (n < 0) {
      n = bits.size();
      index.put(address, n);
      bits.add(address);
      totals.add(0);
      SourceOwner owner = lookup.ownerOf(IpAddress.ofIPv4(address));
      owners.add(owner);
      providers.add(names.number(owner.provider()));
    }
    totals.set(n, totals.getLong(n) + count);
    return n;
  }

  int size() {
    return bits.size();
  }

  int bits(int source) {
    return bits.getInt(source);
  }

  long total(int source) {
    return totals.getLong(source);
  }

  SourceOwner owner(int source) {
    return owners.get(source);
  }

  int provider(int source) {
    return providers.getInt(source);
  }

  /** The dotted quad, made once per source. */
  String text(int source) {
    String t = texts[source];
    if (t == null) {
      t = IpAddress.ofIPv4(bits.getInt(source)).toString();
      texts[source] = t;
    }
    return t;
  }
}
