package org.abuseloop.bench;

import java.util.SplittableRandom;

/**
 * Writes a synthetic kernel log of a gateway that denies a scan-heavy mix: iptables LOG, UFW and
 * nftables log lines (the netfilter {@code IN= OUT= SRC= DST= PROTO= SPT= DPT=} format) against the
 * network 192.0.2.0/24, about 5% other kernel lines, and a fixed mix of ports in which TCP 1080 is
 * 35.7% and 43.7% of it comes from ten heavy sources. What it wrote is counted exactly in
 * {@link #breakdown()}. Not thread-safe.
 */
public final class FirewallLogGenerator extends LogGenerator {

  /** 2025-03-11 00:00:00, read as the log's local time. */
  private static final long START = 1_741_651_200L;
  private static final int HEAVY = 10;
  /** Protocol/port and its weight in a thousand denied packets; "tcp/*" is any other TCP port. */
  private static final String[] PORTS = {"tcp/1080", "tcp/22", "tcp/23", "tcp/3389", "tcp/445", "tcp/80", "tcp/8080",
      "udp/5060", "udp/53", "icmp", "tcp/*"};
  private static final int[] WEIGHTS = {357, 140, 90, 70, 60, 40, 30, 60, 20, 30, 103};
  private static final int HEAVY_SHARE_OF_1080 = 437;

  private final SplittableRandom random;
  private final SimulatedClock clock;
  private final AttackerPool sources;
  private final FirewallBreakdown breakdown = new FirewallBreakdown("tcp/1080");
  private long uptimeMicros = 812_345_000_000L;

  public FirewallLogGenerator(long seed, int sourceCount) {
    this(seed, sourceCount, 20);
  }

  /**
   * A generator whose lines are on average {@code maxStepMillis / 2} apart: 20 ms (the benchmark
   * files) packs a day with millions of lines, 20,000 ms spreads 260,000 lines over a month.
   */
  public FirewallLogGenerator(long seed, int sourceCount, int maxStepMillis) {
    this.random = new SplittableRandom(seed);
    this.clock = new SimulatedClock(random, START, maxStepMillis);
    this.sources = new AttackerPool(random, sourceCount + HEAVY, 4);
  }

  /** What has been written so far. */
  public FirewallBreakdown breakdown() {
    return breakdown;
  }

  @Override
  protected void appendLine(StringBuilder sb) {
    clock.tick();
    uptimeMicros += random.nextInt(20_000);
    breakdown.countLine();
    clock.appendSyslog(sb);
    sb.append(" gw1 kernel: [");
    appendUptime(sb);
    sb.append("] ");
    if (random.nextInt(100) < 5) {
      other(sb);
    } else {
      denied(sb);
    }
  }

  /** The kernel's {@code %5lu.%06lu} uptime stamp. */
  private void appendUptime(StringBuilder sb) {
    String seconds = Long.toString(uptimeMicros / 1_000_000);
    String micros = Long.toString(uptimeMicros % 1_000_000);
    sb.append("     ", 0, Math.max(0, 5 - seconds.length())).append(seconds).append('.')
        .append("000000", 0, 6 - micros.length()).append(micros);
  }

  private String port() {
    int roll = random.nextInt(1000);
    for (int i = 0; i < PORTS.length; i++) {
      roll -= WEIGHTS[i];
      if (roll < 0) {
        return PORTS[i];
      }
    }
    throw new IllegalStateException("weights do not sum to 1000");
  }

  private void denied(StringBuilder sb) {
    String port = port();
    if (port.equals("tcp/*")) {
      port = "tcp/" + (1 + random.nextInt(65535));
    }
    String source = port.equals("tcp/1080") && random.nextInt(1000) < HEAVY_SHARE_OF_1080
        ? sources.get(random.nextInt(HEAVY)) : sources.pickFrom(random, HEAVY);
    boolean v6 = source.indexOf(':') >= 0;
    String format = prefix(sb);
    breakdown.countDenied(format, port, source);
    sb.append("IN=eth0 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:").append(v6 ? "86:dd" : "08:00").append(" SRC=").append(source)
        .append(" DST=").append(v6 ? "2001:db8:ffff::" + Integer.toHexString(1 + random.nextInt(254)) : "192.0.2." + random.nextInt(256));
    if (v6) {
      sb.append(" LEN=80 TC=0 HOPLIMIT=").append(40 + random.nextInt(20)).append(" FLOWLBL=").append(random.nextInt(1 << 20));
    } else {
      sb.append(" LEN=").append(port.startsWith("udp") ? 420 : 44).append(" TOS=0x00 PREC=0x00 TTL=").append(30 + random.nextInt(220))
          .append(" ID=").append(random.nextInt(65536));
    }
    transport(sb, port);
  }

  /** Writes the log prefix of one of the three front ends and returns its name. */
  private String prefix(StringBuilder sb) {
    int roll = random.nextInt(10);
    if (roll < 4) {
      sb.append("IPTABLES-DROP: ");
      return "iptables";
    }
    if (roll < 8) {
      sb.append("[UFW BLOCK] ");
      return "ufw";
    }
    sb.append("nft-drop-in: ");
    return "nftables";
  }

  private void transport(StringBuilder sb, String port) {
    if (port.equals("icmp")) {
      sb.append(" PROTO=ICMP TYPE=8 CODE=0 ID=").append(random.nextInt(65536)).append(" SEQ=").append(random.nextInt(100));
      return;
    }
    String number = port.substring(4);
    int spt = 1024 + random.nextInt(64511);
    if (port.startsWith("udp")) {
      sb.append(" PROTO=UDP SPT=").append(number.equals("5060") ? 5060 : spt).append(" DPT=").append(number).append(" LEN=400");
    } else {
      sb.append(" PROTO=TCP SPT=").append(spt).append(" DPT=").append(number).append(" WINDOW=").append(1024 + random.nextInt(64000))
          .append(" RES=0x00 SYN URGP=0");
    }
  }

  private void other(StringBuilder sb) {
    switch (random.nextInt(4)) {
      case 0 -> sb.append("e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx");
      case 1 -> sb.append("audit: type=1400 audit(").append(Math.floorDiv(clock.epochMillis(), 1000)).append(".123:")
          .append(random.nextInt(9000)).append("): apparmor=\"STATUS\" operation=\"profile_replace\" name=\"/usr/sbin/ntpd\"");
      case 2 -> sb.append("nf_conntrack: nf_conntrack: table full, dropping packet");
      default -> sb.append("TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.");
    }
  }
}
