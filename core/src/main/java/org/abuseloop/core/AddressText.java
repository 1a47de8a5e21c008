package org.abuseloop.core;

/**
 * Reads and writes the textual forms of IP addresses over byte ranges. Stateless and thread-safe;
 * package-private because {@link IpAddress} is its only public face.
 */
final class AddressText {

  private AddressText() {}

  /** The 32 address bits as a non-negative long, or -1 when {@code [from, to)} is not a dotted quad. */
  static long parseIPv4(byte[] b, int from, int to) {
    long result = 0;
    int octets = 0;
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && b[i] >= '0' && b[i] <= '9' && i - start < 3) {
        value = value * 10 + (b[i] - '0');
        i++;
      }
      if (i == start || value > 255) {
        return -1;
      }
      result = (result << 8) | value;
      octets++;
      if (octets == 4) {
        return i == to ? result : -1;
      }
      if (i >= to || b[i] != '.') {
        return -1;
      }
      i++;
    }
  }

  static IpAddress parseIPv6(byte[] b, int from, int to) {
    int end = to;
    for (int i = from; i < to; i++) {
      if (b[i] == '%') {
        end = i;
        break;
      }
    }
    if (end - from < 2) {
      return null;
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = from;
    if (b[i] == ':') {
      if (b[i + 1] != ':') {
        return null;
      }
      gap = 0;
      i += 2;
      if (i == end) {
        return IpAddress.ofIPv6(0, 0);
      }
    }
    while (i < end) {
      if (count == 8) {
        return null;
      }
      int start = i;
      int value = 0;
      while (i < end && i - start < 4 && hex(b[i]) >= 0) {
        value = (value << 4) | hex(b[i]);
        i++;
      }
      if (i < end && b[i] == '.') {
        if (count > 6) {
          return null;
        }
        long v4 = parseIPv4(b, start, end);
        if (v4 < 0) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = end;
        break;
      }
      if (i == start) {
        return null;
      }
      groups[count++] = value;
      if (i == end) {
        break;
      }
      if (b[i] != ':') {
        return null;
      }
      i++;
      if (i < end && b[i] == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
      } else if (i == end) {
        return null;
      }
    }
    if (gap < 0 && count != 8 || gap >= 0 && count == 8) {
      return null;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | full[g];
      low = (low << 16) | full[g + 4];
    }
    return IpAddress.ofIPv6(high, low);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  static String formatIPv4(int bits) {
    return ((bits >>> 24) & 0xFF) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
  }

  /** RFC 5952: lower case, no leading zeros, the longest run (first if tied, length >= 2) as "::". */
  static String formatIPv6(long high, long low) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
      g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
