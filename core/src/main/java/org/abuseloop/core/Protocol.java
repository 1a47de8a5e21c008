package org.abuseloop.core;

import java.util.Locale;

/** The transport of an attacking connection, when the line says it. */
public enum Protocol {
  UNKNOWN, TCP, UDP, TLS, WS, WSS, SCTP, ICMP, ICMPV6;

  /** Made once: the breakdown and the JSON ask for it per port and per event. */
  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in JSON and in the firewall ({@code udp}, {@code tcp}). */
  public String id() {
    return id;
  }

  /** The protocol with this ordinal, from an array made once ({@code values()} copies its array per call). */
  public static Protocol ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /** Reads {@code UDP}, {@code udp}, {@code TCP} ... from a byte range; UNKNOWN when it is none of them. */
  public static Protocol parse(byte[] b, int from, int to) {
    for (Protocol p : VALUES) {
      if (p != UNKNOWN && matches(p.name(), b, from, to)) {
        return p;
      }
    }
    return UNKNOWN;
  }

  private static final Protocol[] VALUES = values();

  private static boolean matches(String upper, byte[] b, int from, int to) {
    if (upper.length() != to - from) {
      return false;
    }
    for (int i = 0; i < upper.length(); i++) {
      int c = b[from + i];
      if ((c >= 'a' && c <= 'z' ? c - 32 : c) != upper.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
