package org.abuseloop.logs.firewall;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.EventDraft;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads the packet lines the kernel's netfilter LOG writes for iptables, ip6tables, nftables
 * ({@code log prefix "..."}) and UFW, IPv4 and IPv6, as denied connections: source and source port
 * ({@code SRC=}, {@code SPT=}), target and target port ({@code DST=}, {@code DPT=}), protocol
 * ({@code PROTO=}). Stateless and thread-safe.
 *
 * <p>The kernel writes {@code [timestamp] PREFIX IN=if OUT=if [MAC=..] SRC=a DST=a ... PROTO=p
 * [SPT=n DPT=n] ...}, each field as {@code KEY=value} followed by a space. The parser finds
 * {@code " OUT="}, takes {@code IN=} just before it (what precedes is the operator's prefix, read
 * only by {@link NetfilterPrefix} to tell denials from accepts), then reads {@code " SRC="},
 * {@code " DST="} right after it, the first {@code " PROTO="} after that and the ports only when
 * they follow the protocol directly, so the packet quoted inside an ICMP error ({@code [SRC=...]})
 * never counts. Every value read must end with a space: a line cut inside one is not recognised.
 *
 * <p>Which lines count: those of the {@code kernel} (or {@code ulogd}) program only, since the
 * key=value body has no anchor another program could not print; lines with an empty {@code IN=}
 * (packets this host sent itself, whose source is this host) are not events; the prefix decides
 * the rest (see {@link NetfilterPrefix}).
 */
public final class NetfilterParser implements ServiceParser {

  /** A packet refused by an iptables or nftables rule that logged it. */
  public static final Family DENY = new Family("firewall.deny", Service.FIREWALL, EventKind.CONNECTION_DENIED);
  /** A packet UFW refused ({@code [UFW BLOCK]}). */
  public static final Family UFW_BLOCK = new Family("firewall.ufw-block", Service.FIREWALL, EventKind.CONNECTION_DENIED);
  /** A connection UFW's {@code limit} rule refused ({@code [UFW LIMIT BLOCK]}). */
  public static final Family UFW_LIMIT = new Family("firewall.ufw-limit", Service.FIREWALL, EventKind.RATE_LIMITED);

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
    Family family = NetfilterPrefix.familyOf(m.bytes(), m.start(), in);
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
}
