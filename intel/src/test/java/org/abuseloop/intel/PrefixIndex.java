package org.abuseloop.intel;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' own longest-prefix oracle: published entries keyed by family, length and network
 * start, so that the entries holding an address are one map probe per prefix length. Not
 * thread-safe; independent of the code under test.
 */
final class PrefixIndex {

  private final Map<String, List<Published>> byNetwork = new HashMap<>();

  static PrefixIndex of(Iterable<? extends List<Published>> lists) {
    PrefixIndex index = new PrefixIndex();
    for (List<Published> list : lists) {
      for (Published p : list) {
        index.byNetwork.computeIfAbsent(key(p.v4(), p.length(), p.start()), k -> new ArrayList<>()).add(p);
      }
    }
    return index;
  }

  /** Every entry whose prefix holds the address. */
  List<Published> holding(boolean v4, BigInteger a) {
    int bits = v4 ? 32 : 128;
    List<Published> out = new ArrayList<>();
    for (int length = 0; length <= bits; length++) {
      BigInteger network = a.shiftRight(bits - length).shiftLeft(bits - length);
      out.addAll(byNetwork.getOrDefault(key(v4, length, network), List.of()));
    }
    return out;
  }

  /** The entries with the longest prefix holding the address (several when a prefix is listed twice). */
  List<Published> longestHolding(boolean v4, BigInteger a) {
    List<Published> holding = holding(v4, a);
    int longest = holding.stream().mapToInt(Published::length).max().orElse(-1);
    return holding.stream().filter(p -> p.length() == longest).toList();
  }

  private static String key(boolean v4, int length, BigInteger start) {
    return v4 + "/" + length + "/" + start;
  }
}
