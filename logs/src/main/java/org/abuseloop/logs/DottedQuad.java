package org.abuseloop.logs;

import org.abuseloop.core.IpAddress;

/**
 * Reads an address from bytes as {@link IpAddress#parse(byte[], int, int)} does, with the common
 * case, a dotted IPv4 quad, read in one pass (no search for an IPv6 colon first). Stateless and
 * thread-safe.
 */
public final class DottedQuad {

  private DottedQuad() {}

  /** The address in {@code [from, to)}, or null when it is not exactly one; see {@link IpAddress#parse(byte[], int, int)}. */
  public static IpAddress address(byte[] b, int from, int to) {
    long v = bits(b, from, to);
    return v >= 0 ? IpAddress.ofIPv4((int) v) : IpAddress.parse(b, from, to);
  }

  /**
   * Four dot-separated decimal octets of one to three digits (leading zeros allowed), each at most
   * 255, filling the range, as an unsigned 32-bit value; else -1.
   */
  static long bits(byte[] b, int from, int to) {
    long result = 0;
    int value = 0;
    int digits = 0;
    int dots = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d >= 0 && d <= 9) {
        value = value * 10 + d;
        if (++digits > 3) {
          return -1;
        }
      } else if (d == '.' - '0' && digits > 0 && value <= 255 && ++dots <= 3) {
        result = (result << 8) | value;
        value = 0;
        digits = 0;
      } else {
        return -1;
      }
    }
    return dots == 3 && digits > 0 && value <= 255 ? (result << 8) | value : -1;
  }
}
