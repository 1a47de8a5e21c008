package org.abuseloop.logs.firewall;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.abuseloop.core.IpAddress;

/**
 * Byte scans over the {@code KEY=value} body the kernel writes for a logged packet: a key at a
 * position, the run of address characters or digits after it, a port, a run without letters.
 * Stateless and thread-safe.
 *
 * <p>Written as plain loops over a {@code byte[]} held in a local, because the launcher runs the
 * parse under C1 alone, which compiles these tight loops well but does not make the word-at-a-time
 * searches of {@code Message} (through a {@code VarHandle}) cheap; every result equals the one the
 * {@code Message} search of the same range gives.
 */
final class PacketFields {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** The two high bits of every byte: a byte below 0x40 (digits, space, '.') has neither. */
  private static final long HIGH_TWO = 0xC0C0C0C0C0C0C0C0L;

  /** The bytes an address may hold (hex digits, '.', ':'), as {@code Message.addressEnd} reads them. */
  private static final boolean[] ADDRESS_CHAR = new boolean[256];

  static {
    for (int c = 0; c < 256; c++) {
      ADDRESS_CHAR[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    }
  }

  private PacketFields() {}

  /** True when {@code key} stands at {@code at} and ends no later than {@code end}. */
  static boolean matchesAt(byte[] b, int at, int end, byte[] key) {
    return at + key.length <= end && b[at] == key[0] && matchesRest(b, at, key);
  }

  private static boolean matchesRest(byte[] b, int at, byte[] key) {
    for (int k = 1; k < key.length; k++) {
      if (b[at + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when every byte in {@code [from, to)} is below 0x40: digits, spaces, dots, but no letter
   * and no '['. Eight bytes at a time.
   */
  static boolean belowLetters(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (((long) LONGS.get(b, i) & HIGH_TWO) != 0) {
        return false;
      }
    }
    for (; i < to; i++) {
      if ((b[i] & 0xC0) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Index after the run of address characters starting at {@code from}, no further than {@code end}. */
  static int addressEnd(byte[] b, int from, int end) {
    int i = from;
    while (i < end && ADDRESS_CHAR[b[i] & 0xFF]) {
      i++;
    }
    return i;
  }

  /** Index after the run of decimal digits starting at {@code from}, no further than {@code end}. */
  static int digitsEnd(byte[] b, int from, int end) {
    int i = from;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  /** First index of byte {@code c} in {@code [from, end)}, or -1. */
  static int indexOf(byte[] b, int from, int end, byte c) {
    for (int i = from; i < end; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The dotted quad at {@code from}, read in the pass that finds its end: {@code (end << 32) | bits},
   * or -1 when the run of address characters there is anything else (IPv6, a bad quad), for the
   * general readers. When it is not -1, {@code end} is what {@link #addressEnd} gives and {@code bits}
   * what {@code IpAddress.parse} reads from {@code [from, end)}: up to three digits per octet, each
   * at most 255, and no address character after the fourth.
   */
  static long quad(byte[] b, int from, int end) {
    if (from + 16 <= end) {
      return quadInLine(b, from);
    }
    // Near the line's end (rare): the two passes the one-pass reader stands for.
    int to = addressEnd(b, from, end);
    long bits = IpAddress.parseIPv4Bits(b, from, to);
    return bits < 0 ? -1 : ((long) to << 32) | bits;
  }

  /**
   * {@link #quad} where the line goes on for at least 16 bytes (a dotted quad and the byte after it
   * fit), so no read needs comparing with the line's end: each octet's one to three digits are read
   * unrolled, every byte once (a byte loop costs C1's code a few ns a byte, and this ran on every
   * address of a firewall log).
   */
  private static long quadInLine(byte[] b, int from) {
    int i = from;
    int bits = 0;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (b[i] != '.') {
          return -1;
        }
        i++;
      }
      int d0 = b[i] - '0';
      if ((d0 | (9 - d0)) < 0) {
        return -1;
      }
      int d1 = b[i + 1] - '0';
      int v;
      if ((d1 | (9 - d1)) < 0) {
        v = d0;
        i += 1;
      } else {
        int d2 = b[i + 2] - '0';
        if ((d2 | (9 - d2)) < 0) {
          v = d0 * 10 + d1;
          i += 2;
        } else {
          v = d0 * 100 + d1 * 10 + d2;
          i += 3;
        }
      }
      if (v > 255) {
        return -1;
      }
      bits = (bits << 8) | v;
    }
    if (ADDRESS_CHAR[b[i] & 0xFF]) {
      return -1;
    }
    return ((long) i << 32) | (bits & 0xFFFFFFFFL);
  }

  /**
   * The run of decimal digits at {@code from} and the port it spells, in one pass:
   * {@code (end << 32) | port}, {@code end} as {@link #digitsEnd} gives it and {@code port} as
   * {@link #port} reads {@code [from, end)} (0 when it is not a port).
   */
  static long portRun(byte[] b, int from, int end) {
    int i = from;
    int v = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      if (i - from < 9) {
        v = v * 10 + (b[i] - '0');
      }
      i++;
    }
    int port = i - from > 9 || v > 65535 ? 0 : v;
    return ((long) i << 32) | port;
  }

  /** A port in {@code [from, to)} as {@code Message.port} reads it: 1..65535, else 0. */
  static int port(byte[] b, int from, int to) {
    if (from >= to || to - from > 9) {
      return 0;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return 0;
      }
      v = v * 10 + d;
    }
    return v <= 65535 ? v : 0;
  }
}
