package org.abuseloop.logs.firewall;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.abuseloop.core.Family;

/**
 * The families of the last few operator prefixes one source's lines carried, by their exact bytes
 * (up to 24): a firewall writes the same handful of prefixes ({@code [UFW BLOCK] },
 * {@code IPTABLES-DROP: }) on every line, and reading one again with {@link NetfilterPrefix#familyOf}
 * was 8% of a firewall parse. Not thread-safe: one per source.
 *
 * <p>{@link NetfilterPrefix#familyOf} depends on the prefix's bytes alone, so a remembered answer is
 * the one it would give. A prefix is kept as three little-endian words, the bytes past its end
 * masked off and its length in the top byte of the last word.
 */
final class PrefixMemo {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int ENTRIES = 4;
  private static final int MAX_PREFIX = 23;

  /** Three words per entry; an unused entry's last word is 0, which no key has (its length is at least 1). */
  private final long[] keys = new long[3 * ENTRIES];
  private final Family[] families = new Family[ENTRIES];
  private int next;

  /** The family of the prefix {@code b[from, to)}, as {@link NetfilterPrefix#familyOf} gives it. */
  Family familyOf(byte[] b, int from, int to) {
    int n = to - from;
    if (n <= 0 || n > MAX_PREFIX || from + 24 > b.length) {
      return NetfilterPrefix.familyOf(b, from, to);
    }
    long w0 = (long) LONGS.get(b, from);
    long w1 = (long) LONGS.get(b, from + 8);
    long w2 = (long) LONGS.get(b, from + 16);
    if (n < 8) {
      w0 &= (1L << (n << 3)) - 1;
      w1 = 0;
      w2 = 0;
    } else if (n < 16) {
      w1 &= (1L << ((n - 8) << 3)) - 1;
      w2 = 0;
    } else {
      w2 &= (1L << ((n - 16) << 3)) - 1;
    }
    w2 |= (long) n << 56;
    long[] k = keys;
    for (int e = 0; e < ENTRIES; e++) {
      if (k[3 * e + 2] == w2 && k[3 * e] == w0 && k[3 * e + 1] == w1) {
        return families[e];
      }
    }
    Family f = NetfilterPrefix.familyOf(b, from, to);
    int e = next;
    k[3 * e] = w0;
    k[3 * e + 1] = w1;
    k[3 * e + 2] = w2;
    families[e] = f;
    next = (e + 1) & (ENTRIES - 1);
    return f;
  }
}
