package org.abuseloop.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers of a breakdown's sources, numbered in the order first met (null, for sources in no
 * published range, is one of them), so per-port sums are arrays indexed by number. Not thread-safe.
 */
final class Providers {

  private final Map<String, Integer> numbers = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  /** The number of {@code provider} (null allowed), given on first sight. */
  int number(String provider) {
    Integer n = numbers.get(provider);
    if (n == null) {
      n = names.size();
      numbers.put(provider, n);
      names.add(provider);
    }
    return n;
  }

  int size() {
    return names.size();
  }

  String name(int number) {
    return names.get(number);
  }
}
