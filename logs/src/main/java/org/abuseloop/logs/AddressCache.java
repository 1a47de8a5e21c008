package org.abuseloop.logs;

import org.abuseloop.core.IpAddress;

/**
 * The IPv4 addresses one source's lines wrote last: an address seen before is handed out again (an
 * {@link IpAddress} is immutable, so events can share it) instead of being allocated once more. Not
 * thread-safe: one per {@link Message}, that is per source and thread.
 *
 * <p>A firewall log names a few thousand sources and a few hundred targets over millions of lines,
 * and every event held two fresh addresses: a third of its garbage. The table is direct-mapped on
 * the address bits (a slot holds the last address that hashed there), 16,384 slots, made on first
 * use. Written by hand: a general cache ({@code HashMap}, Caffeine) boxes its key, the very
 * allocation this saves.
 */
final class AddressCache {

  private static final int BITS = 14;

  private int[] keys;
  private IpAddress[] values;

  /** The IPv4 address with these bits: the instance made for them last when the slot still holds it. */
  IpAddress ipv4(int bits) {
    IpAddress[] vs = values;
    if (vs == null) {
      vs = values = new IpAddress[1 << BITS];
      keys = new int[1 << BITS];
    }
    int slot = (bits * 0x9E3779B9) >>> (32 - BITS);
    IpAddress a = vs[slot];
    if (a != null && keys[slot] == bits) {
      return a;
    }
    a = IpAddress.ofIPv4(bits);
    vs[slot] = a;
    keys[slot] = bits;
    return a;
  }

  /** As {@link IpAddress#parse(byte[], int, int)}, a dotted quad through {@link #ipv4}. */
  IpAddress parse(byte[] b, int from, int to) {
    if (from < to && to - from <= 64) {
      long v = IpAddress.parseIPv4Bits(b, from, to);
      if (v >= 0) {
        return ipv4((int) v);
      }
    }
    return IpAddress.parse(b, from, to);
  }
}
