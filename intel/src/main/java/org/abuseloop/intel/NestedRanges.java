package org.abuseloop.intel;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Flattens possibly nested prefixes of one address family into disjoint spans, each owned by the
 * most specific prefix covering it, so that a lookup is one search for the span holding an
 * address. Stateless and thread-safe; runs once per load, so it favours clarity (BigInteger
 * bounds, no overflow cases) over speed.
 *
 * <p>A nested range with no region, service or place takes it from the nearest enclosing range of
 * the same provider: Azure lists a /32 under a global tag inside a /31 of a regional tag, AWS
 * lists an {@code AMAZON}-only /26 inside an {@code EC2} /15, and the wider range's statement
 * holds for every address in it.
 */
final class NestedRanges {

  /** From {@code start} up to the next boundary, addresses belong to {@code value} (null: to nobody). */
  record Boundary(BigInteger start, ProviderRange value) {}

  private record Open(ProviderRange value, BigInteger end) {}

  private NestedRanges() {}

  /**
   * Boundaries sorted by start, the first at address 0, no two neighbours with the same value.
   *
   * @param ranges distinct prefixes of one family
   * @param bits the family's address length, 32 or 128
   */
  static List<Boundary> flatten(List<ProviderRange> ranges, int bits) {
    List<ProviderRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparing((ProviderRange r) -> start(r.prefix()))
        .thenComparingInt(r -> r.prefix().length()));
    BigInteger limit = BigInteger.ONE.shiftLeft(bits);
    List<Boundary> out = new ArrayList<>(sorted.size() * 2 + 1);
    out.add(new Boundary(BigInteger.ZERO, null));
    Deque<Open> open = new ArrayDeque<>();
    for (ProviderRange r : sorted) {
      BigInteger start = start(r.prefix());
      while (!open.isEmpty() && open.peek().end().compareTo(start) < 0) {
        close(open, out, limit);
      }
      ProviderRange resolved = inherit(r, open);
      emit(out, start, resolved);
      open.push(new Open(resolved, end(r.prefix())));
    }
    while (!open.isEmpty()) {
      close(open, out, limit);
    }
    return compact(out);
  }

  static BigInteger start(IpPrefix p) {
    IpAddress a = p.network();
    if (a.isIPv4()) {
      return BigInteger.valueOf(a.ipv4Bits() & 0xFFFFFFFFL);
    }
    return unsigned(a.high()).shiftLeft(64).or(unsigned(a.low()));
  }

  static BigInteger end(IpPrefix p) {
    int hostBits = p.network().bitLength() - p.length();
    return start(p).add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE);
  }

  private static BigInteger unsigned(long v) {
    BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
    return v < 0 ? b.setBit(63) : b;
  }

  private static ProviderRange inherit(ProviderRange r, Deque<Open> open) {
    for (Open o : open) {
      if (o.value().provider() == r.provider()) {
        return r.inheritFrom(o.value());
      }
    }
    return r;
  }

  private static void close(Deque<Open> open, List<Boundary> out, BigInteger limit) {
    Open done = open.pop();
    BigInteger next = done.end().add(BigInteger.ONE);
    if (next.compareTo(limit) < 0) {
      emit(out, next, open.isEmpty() ? null : open.peek().value());
    }
  }

  /** Appends a boundary; one at the same start as the last replaces it (the later is the right one). */
  private static void emit(List<Boundary> out, BigInteger start, ProviderRange value) {
    int last = out.size() - 1;
    if (out.get(last).start().equals(start)) {
      out.set(last, new Boundary(start, value));
    } else {
      out.add(new Boundary(start, value));
    }
  }

  private static List<Boundary> compact(List<Boundary> in) {
    List<Boundary> out = new ArrayList<>(in.size());
    for (Boundary b : in) {
      if (out.isEmpty() || out.get(out.size() - 1).value() != b.value()) {
        out.add(b);
      }
    }
    return out;
  }
}
