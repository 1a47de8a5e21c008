package org.abuseloop.analysis;

import org.abuseloop.core.IpAddress;

/**
 * The {@code n} busiest of a stream of sources: most events first, ties by address (IPv4 before IPv6,
 * each in numeric order), the order of {@link IpAddress#compareTo}. An IPv4 source is offered as its
 * bits and the caller's number for it, so choosing allocates nothing; an IPv6 source as its address.
 * Not thread-safe; {@link #clear} makes it ready for the next stream.
 *
 * <p>Written by hand (a sorted run of at most {@code n}, insertion from its end) because a breakdown
 * chooses the ten busiest sources of each of tens of thousands of ports: a {@code PriorityQueue} of
 * map entries built an object per candidate kept and compared through the entries' boxed keys.
 */
final class TopSources {

  private final int n;
  private final long[] counts;
  private final long[] v4Bits;
  private final int[] v4Refs;
  private final IpAddress[] v6;
  private int size;

  TopSources(int n) {
    this.n = Math.max(n, 0);
    counts = new long[this.n];
    v4Bits = new long[this.n];
    v4Refs = new int[this.n];
    v6 = new IpAddress[this.n];
  }

  void clear() {
    java.util.Arrays.fill(v6, 0, size, null);
    size = 0;
  }

  int size() {
    return size;
  }

  /** Offers an IPv4 source: its events, its 32 bits and the caller's number for it. */
  void offerV4(long count, int bits, int ref) {
    long unsigned = bits & 0xFFFFFFFFL;
    if (n == 0 || size == n && !beforeV4(count, unsigned, size - 1)) {
      return;
    }
    int at = place(count, unsigned, null);
    counts[at] = count;
    v4Bits[at] = unsigned;
    v4Refs[at] = ref;
    v6[at] = null;
  }

  /** Offers an IPv6 source with its events. */
  void offerV6(long count, IpAddress address) {
    if (n == 0 || size == n && !beforeV6(count, address, size - 1)) {
      return;
    }
    int at = place(count, 0, address);
    counts[at] = count;
    v6[at] = address;
  }

  /** The place of a candidate that enters: shifts the worse ones down (dropping the last when full). */
  private int place(long count, long unsigned, IpAddress address) {
    int at = size < n ? size++ : size - 1;
    while (at > 0 && (address == null ? beforeV4(count, unsigned, at - 1) : beforeV6(count, address, at - 1))) {
      counts[at] = counts[at - 1];
      v4Bits[at] = v4Bits[at - 1];
      v4Refs[at] = v4Refs[at - 1];
      v6[at] = v6[at - 1];
      at--;
    }
    return at;
  }

  private boolean beforeV4(long count, long unsigned, int i) {
    if (count != counts[i]) {
      return count > counts[i];
    }
    return v6[i] != null || unsigned < v4Bits[i];
  }

  private boolean beforeV6(long count, IpAddress address, int i) {
    if (count != counts[i]) {
      return count > counts[i];
    }
    return v6[i] != null && address.compareTo(v6[i]) < 0;
  }

  long count(int i) {
    return counts[i];
  }

  /** The i-th source's address when it is IPv6, else null (then see {@link #v4Ref}). */
  IpAddress v6(int i) {
    return v6[i];
  }

  /** The caller's number for the i-th source, when it is IPv4. */
  int v4Ref(int i) {
    return v4Refs[i];
  }
}
