package org.abuseloop.logs.firewall;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.EventDraft;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * The netfilter parser as it was before the one-pass rewrite (main at 94ce859), kept as the reference
 * the rewrite must agree with on every line. Stateless and thread-safe.
 */
final class NetfilterParserBefore implements ServiceParser {

  /** A packet refused by an iptables or nftables rule that logged it. */
  static final Family DENY = NetfilterParser.DENY;
  /** A packet UFW refused ({@code [UFW BLOCK]}). */
  static final Family UFW_BLOCK = NetfilterParser.UFW_BLOCK;
  /** A connection UFW's {@code limit} rule refused ({@code [UFW LIMIT BLOCK]}). */
  static final Family UFW_LIMIT = NetfilterParser.UFW_LIMIT;

  private static final List<Family> FAMILIES = List.of(DENY, UFW_BLOCK, UFW_LIMIT);

  private static final Needle OUT = Needle.of(" OUT=");
  private static final Needle IN = Needle.of("IN=");
  private static final Needle SRC = Needle.of(" SRC=");
  private static final Needle DST = Needle.of(" DST=");
  private static final Needle PROTO = Needle.of(" PROTO=");
  private static final Needle SPT = Needle.of(" SPT=");
  private static final Needle DPT = Needle.of(" DPT=");
  /**
   * How far into the message {@code OUT=} may stand: the kernel's {@code [seconds.micros] }, a
   * prefix (iptables allows 29 bytes, nftables 127) and {@code IN=} with an interface name.
   */
  private static final int MAX_HEAD = 200;

  @Override
  public Service service() {
    return Service.FIREWALL;
  }

  @Override
  public List<Family> families() {
    return FAMILIES;
  }

  @Override
  public Event parse(Message m) {
    if (!m.programIs("kernel") && !m.programIs("ulogd")) {
      return null;
    }
    int out = m.indexOf(OUT, m.start());
    if (out < 0 || out - m.start() > MAX_HEAD) {
      return null;
    }
    int in = m.lastIndexOf(IN, out);
    if (in < 0 || !isInterface(m, in + IN.length(), out)) {
      return null;
    }
    Family family = Prefix.familyOf(m.bytes(), m.start(), in);
    return family == null ? null : readPacket(m, family, out);
  }

  /** An inbound or forwarded packet names its interface; an empty {@code IN=} is this host's own. */
  private static boolean isInterface(Message m, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (m.byteAt(i) == ' ') {
        return false;
      }
    }
    return true;
  }

  private static Event readPacket(Message m, Family family, int out) {
    int src = m.indexOf(SRC, out);
    if (src < 0) {
      return null;
    }
    int srcFrom = src + SRC.length();
    int srcTo = m.addressEnd(srcFrom);
    if (!m.matchesAt(srcTo, DST)) {
      return null;
    }
    int dstFrom = srcTo + DST.length();
    int dstTo = m.addressEnd(dstFrom);
    IpAddress source = m.address(srcFrom, srcTo);
    if (source == null || !spaceAt(m, dstTo)) {
      return null;
    }
    int proto = m.indexOf(PROTO, dstTo);
    if (proto < 0) {
      return null;
    }
    int protoFrom = proto + PROTO.length();
    int protoTo = m.indexOf((byte) ' ', protoFrom);
    if (protoTo < 0) {
      return null;
    }
    return readPorts(m, protoTo, m.event(family)
        .source(source)
        .target(m.address(dstFrom, dstTo))
        .protocol(Protocol.parse(m.bytes(), protoFrom, protoTo)));
  }

  /**
   * Adds {@code SPT=} and {@code DPT=} when they follow the protocol (TCP, UDP, UDPLITE, SCTP,
   * DCCP; not ICMP, nor a fragment without ports). Null when the line is cut inside them.
   */
  private static Event readPorts(Message m, int protoTo, EventDraft draft) {
    if (!m.matchesAt(protoTo, SPT)) {
      return cutInside(m, protoTo, SPT) ? null : draft.build();
    }
    int sptFrom = protoTo + SPT.length();
    int sptTo = m.digitsEnd(sptFrom);
    if (!m.matchesAt(sptTo, DPT)) {
      return null;
    }
    int dptFrom = sptTo + DPT.length();
    int dptTo = m.digitsEnd(dptFrom);
    if (!spaceAt(m, dptTo)) {
      return null;
    }
    return draft.sourcePort(m.port(sptFrom, sptTo)).targetPort(m.port(dptFrom, dptTo)).build();
  }

  /**
   * True when the message ends inside {@code needle} begun at {@code at} (a line cut mid-key). A
   * lone space is not a cut: a non-first fragment's line ends right after {@code "PROTO=TCP "}.
   */
  private static boolean cutInside(Message m, int at, Needle needle) {
    int left = m.end() - at;
    if (left <= 1 || left >= needle.length()) {
      return false;
    }
    for (int k = 0; k < left; k++) {
      if (m.byteAt(at + k) != needle.toString().charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean spaceAt(Message m, int i) {
    return i < m.end() && m.byteAt(i) == ' ';
  }

  /** The prefix rule as it was. */
  private static final class Prefix {
  
    private static final byte[] UFW = bytes("[UFW ");
    private static final byte[] BLOCK = bytes("BLOCK");
    private static final byte[] LIMIT = bytes("LIMIT");
    private static final byte[][] NOT_A_DENY = {bytes("ACCEPT"), bytes("ALLOW"), bytes("AUDIT")};
  
    private Prefix() {}
  
    /** The family of a line whose prefix is {@code b[from, to)}, or null when the line is not a deny. */
    static Family familyOf(byte[] b, int from, int to) {
      int ufw = indexOf(b, from, to, UFW, false);
      if (ufw >= 0) {
        int close = ufw;
        while (close < to && b[close] != ']') {
          close++;
        }
        if (indexOf(b, ufw, close, LIMIT, false) >= 0) {
          return NetfilterParserBefore.UFW_LIMIT;
        }
        return indexOf(b, ufw, close, BLOCK, false) >= 0 ? NetfilterParserBefore.UFW_BLOCK : null;
      }
      for (byte[] word : NOT_A_DENY) {
        if (indexOf(b, from, to, word, true) >= 0) {
          return null;
        }
      }
      return NetfilterParserBefore.DENY;
    }
  
    /** First index of upper-case ASCII {@code word} in {@code b[from, to)}, optionally ignoring case. */
    private static int indexOf(byte[] b, int from, int to, byte[] word, boolean ignoreCase) {
      for (int i = from; i <= to - word.length; i++) {
        int k = 0;
        while (k < word.length && upper(b[i + k], ignoreCase) == word[k]) {
          k++;
        }
        if (k == word.length) {
          return i;
        }
      }
      return -1;
    }
  
    private static byte upper(byte c, boolean ignoreCase) {
      return ignoreCase && c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
    }
  
    private static byte[] bytes(String s) {
      return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
