package org.abuseloop.logs.firewall;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads the packet lines the kernel's netfilter LOG writes for iptables, ip6tables, nftables
 * ({@code log prefix "..."}) and UFW, IPv4 and IPv6, as denied connections: source and source port
 * ({@code SRC=}, {@code SPT=}), target and target port ({@code DST=}, {@code DPT=}), protocol
 * ({@code PROTO=}). The shared instance is stateless and thread-safe; the one {@link #forSource()}
 * gives a source remembers the families of its last prefixes ({@link PrefixMemo}) and belongs to
 * that source's thread.
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

  private static final Needle KERNEL = Needle.of("kernel");
  private static final Needle ULOGD = Needle.of("ulogd");
  private static final Needle OUT = Needle.of(" OUT=");
  private static final byte[] IN = key("IN=");
  private static final Needle SRC = Needle.of(" SRC=");
  private static final Needle DST = Needle.of(" DST=");
  private static final Needle PROTO = Needle.of(" PROTO=");
  private static final byte[] SPT = key(" SPT=");
  private static final Needle SPT_KEY = Needle.of(" SPT=");
  private static final Needle DPT = Needle.of(" DPT=");
  /**
   * How far into the message {@code OUT=} may stand: the kernel's {@code [seconds.micros] }, a
   * prefix (iptables allows 29 bytes, nftables 127) and {@code IN=} with an interface name.
   */
  private static final int MAX_HEAD = 200;

  /** The families of this source's last prefixes; null in the shared instance. */
  private final PrefixMemo prefixes;

  public NetfilterParser() {
    this(null);
  }

  private NetfilterParser(PrefixMemo prefixes) {
    this.prefixes = prefixes;
  }

  /** An instance for one source: it remembers the families of the prefixes it read. */
  @Override
  public ServiceParser forSource() {
    return new NetfilterParser(new PrefixMemo());
  }

  /** The per-source instance only saves work: its events are the shared instance's. */
  @Override
  public boolean followsEarlierLines() {
    return false;
  }

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
    if (!m.programIs(KERNEL) && !m.programIs(ULOGD)) {
      return null;
    }
    byte[] b = m.bytes();
    int start = m.start();
    int end = m.end();
    int out = m.indexOf(OUT, start);
    if (out < 0 || out - start > MAX_HEAD) {
      return null;
    }
    int in = lastIn(b, start, out);
    if (in < 0 || !isInterface(b, in + IN.length, out)) {
      return null;
    }
    int prefix = afterKernelStamp(m, b, start, in);
    Family family = prefixes == null ? NetfilterPrefix.familyOf(b, prefix, in) : prefixes.familyOf(b, prefix, in);
    return family == null ? null : readPacket(m, b, end, family, out);
  }

  /**
   * Where the operator's prefix starts: after the kernel's {@code [seconds.micros]} when the line has
   * one, else at {@code start}. The prefix rule looks for {@code [UFW } and for words, which can not
   * start in a bracket of digits, spaces and dots, so skipping it changes no family.
   */
  private static int afterKernelStamp(Message m, byte[] b, int start, int in) {
    if (b[start] != '[') {
      return start;
    }
    int close = m.indexOf((byte) ']', start);
    return close > start && close < in && PacketFields.belowLetters(b, start + 1, close) ? close + 1 : start;
  }

  /** The last {@code IN=} that ends no later than {@code out}, or -1. */
  private static int lastIn(byte[] b, int start, int out) {
    for (int i = out - IN.length; i >= start; i--) {
      if (b[i + 2] == '=' && b[i + 1] == 'N' && b[i] == 'I') {
        return i;
      }
    }
    return -1;
  }

  /** An inbound or forwarded packet names its interface; an empty {@code IN=} is this host's own. */
  private static boolean isInterface(byte[] b, int from, int to) {
    if (from >= to) {
      return false;
    }
    return PacketFields.indexOf(b, from, to, (byte) ' ') < 0;
  }

  /** Reads the fields after {@code OUT=} in the kernel's order: SRC, DST, then PROTO and the ports. */
  private static Event readPacket(Message m, byte[] b, int end, Family family, int out) {
    int src = srcAt(m, out);
    if (src < 0) {
      return null;
    }
    int srcFrom = src + SRC.length();
    long quad = PacketFields.quad(b, srcFrom, end);
    int srcTo = quad >= 0 ? (int) (quad >>> 32) : PacketFields.addressEnd(b, srcFrom, end);
    if (!m.matchesAt(srcTo, DST)) {
      return null;
    }
    IpAddress source = quad >= 0 ? m.ipv4((int) quad) : m.address(srcFrom, srcTo);
    int dstFrom = srcTo + DST.length();
    long dstQuad = PacketFields.quad(b, dstFrom, end);
    int dstTo = dstQuad >= 0 ? (int) (dstQuad >>> 32) : PacketFields.addressEnd(b, dstFrom, end);
    if (source == null || !spaceAt(b, dstTo, end)) {
      return null;
    }
    int proto = m.indexOf(PROTO, dstTo);
    if (proto < 0) {
      return null;
    }
    int protoFrom = proto + PROTO.length();
    int protoTo = PacketFields.indexOf(b, protoFrom, end, (byte) ' ');
    if (protoTo < 0) {
      return null;
    }
    IpAddress target = dstQuad >= 0 ? m.ipv4((int) dstQuad) : m.address(dstFrom, dstTo);
    return readPorts(m, b, end, protoTo, family, source, target, protocol(b, protoFrom, protoTo));
  }

  /**
   * The first {@code " SRC="} after {@code out}, as {@code m.indexOf(SRC, out)} finds it, found space
   * by space: a key always follows a space, and the tokens before it (the interface after
   * {@code OUT=}, the 41 bytes of {@code MAC=}) are long enough that a search for one byte beats one
   * for a pair of bytes.
   */
  private static int srcAt(Message m, int out) {
    int space = m.indexOf((byte) ' ', out + 1);
    while (space >= 0 && !m.matchesAt(space, SRC)) {
      space = m.indexOf((byte) ' ', space + 1);
    }
    return space;
  }

  /** The protocol named in {@code [from, to)}; TCP and UDP, nearly every line, without the table walk. */
  private static Protocol protocol(byte[] b, int from, int to) {
    if (to - from == 3 && b[from + 2] == 'P') {
      if (b[from] == 'T' && b[from + 1] == 'C') {
        return Protocol.TCP;
      }
      if (b[from] == 'U' && b[from + 1] == 'D') {
        return Protocol.UDP;
      }
    }
    return Protocol.parse(b, from, to);
  }

  /**
   * The event, with {@code SPT=} and {@code DPT=} when they follow the protocol (TCP, UDP, UDPLITE,
   * SCTP, DCCP; not ICMP, nor a fragment without ports); null when the line is cut inside them. Made
   * here rather than through {@link Message#event}: one object less per line.
   */
  private static Event readPorts(Message m, byte[] b, int end, int protoTo, Family family, IpAddress source,
      IpAddress target, Protocol protocol) {
    int sourcePort = 0;
    int targetPort = 0;
    if (!m.matchesAt(protoTo, SPT_KEY)) {
      if (cutInside(b, end, protoTo, SPT)) {
        return null;
      }
    } else {
      long spt = PacketFields.portRun(b, protoTo + SPT.length, end);
      int sptTo = (int) (spt >>> 32);
      if (!m.matchesAt(sptTo, DPT)) {
        return null;
      }
      long dpt = PacketFields.portRun(b, sptTo + DPT.length(), end);
      if (!spaceAt(b, (int) (dpt >>> 32), end)) {
        return null;
      }
      sourcePort = (int) spt;
      targetPort = (int) dpt;
    }
    return new Event(m.time(), m.offset(), source, null, sourcePort, target, targetPort, protocol, family, null, m.origin());
  }

  /**
   * True when the message ends inside {@code key} begun at {@code at} (a line cut mid-key). A lone
   * space is not a cut: a non-first fragment's line ends right after {@code "PROTO=TCP "}.
   */
  private static boolean cutInside(byte[] b, int end, int at, byte[] key) {
    int left = end - at;
    if (left <= 1 || left >= key.length) {
      return false;
    }
    for (int k = 0; k < left; k++) {
      if (b[at + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean spaceAt(byte[] b, int i, int end) {
    return i < end && b[i] == ' ';
  }

  private static byte[] key(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
