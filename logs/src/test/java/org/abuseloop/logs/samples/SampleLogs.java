package org.abuseloop.logs.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the demo's sample logs, {@code examples/logs/kern-firewall.log} and
 * {@code examples/logs/kamailio.log}, from a fixed seed: invented attacks from documentation
 * addresses only (RFC 5737 and RFC 3849). Run {@link #main} from the project root to regenerate them;
 * {@code SampleLogsTest} checks the committed files are this class's output. Not thread-safe.
 */
public final class SampleLogs {

  static final long SEED = 20250303L;
  /** 2025-03-03 10:00:00, the first second of both logs (syslog writes no year). */
  private static final int START = 10 * 3600;

  private final Random random = new Random(SEED);
  private final List<Line> lines = new ArrayList<>();
  private int sequence;

  private record Line(double time, int sequence, String text) {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "examples/logs");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kern-firewall.log"), firewall(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("kamailio.log"), kamailio(), StandardCharsets.UTF_8);
  }

  /** The firewall log: a gateway's forwarded drops, a UFW host, an nftables host. */
  static String firewall() {
    return new SampleLogs().writeFirewall();
  }

  /** The Kamailio log, as the example config and its abuseloop snippet write it. */
  static String kamailio() {
    return new SampleLogs().writeKamailio();
  }

  // ---------------------------------------------------------------- firewall

  private String writeFirewall() {
    String[] sweepers = {"203.0.113.10", "203.0.113.11", "203.0.113.12", "203.0.113.13", "192.0.2.50", "192.0.2.51"};
    for (int s = 0; s < sweepers.length; s++) {
      sweep(sweepers[s], 60 + s * 420, 1080, 1 + s % 2);
    }
    sweep("203.0.113.10", 3000, 1080, 1);
    for (int i = 0; i < 140; i++) {
      gateway(600 + i * 9 + random.nextDouble() * 9, "203.0.113.44", "198.51.100." + (1 + random.nextInt(8)), "TCP", 22);
    }
    for (int i = 0; i < 110; i++) {
      gateway(900 + i * 6.5, "192.0.2.77", "198.51.100." + (1 + i * 2), "TCP", 3389);
    }
    for (int i = 0; i < 60; i++) {
      gateway(1500 + i * 4, "192.0.2.90", "198.51.100." + (10 + i), "UDP", 5060);
    }
    for (int i = 0; i < 25; i++) {
      icmp(200 + i * 130 + random.nextDouble() * 60, "192.0.2." + (120 + random.nextInt(4)));
    }
    ufwHost();
    nftHost();
    ipv6();
    noise();
    return render();
  }

  /** One source walking port {@code port} across 198.51.100.1-254, {@code perSecond} targets a second. */
  private void sweep(String source, double start, int port, int perSecond) {
    int sport = 30000 + random.nextInt(30000);
    for (int host = 1; host <= 254; host++) {
      double t = start + (host - 1) / (double) perSecond * (0.8 + random.nextDouble() * 0.4);
      gateway(t, source, "198.51.100." + host, "TCP", port, sport);
    }
  }

  private void gateway(double t, String source, String target, String proto, int port) {
    gateway(t, source, target, proto, port, 1024 + random.nextInt(64000));
  }

  private void gateway(double t, String source, String target, String proto, int port, int sport) {
    String body = "FWD-DROP: IN=eth0 OUT=eth1 MAC=52:54:00:6b:2a:01:52:54:00:c3:9e:10:08:00 SRC=" + source + " DST=" + target
        + " LEN=" + ("TCP".equals(proto) ? 44 : 420) + " TOS=0x00 PREC=0x00 TTL=" + (40 + random.nextInt(200))
        + " ID=" + random.nextInt(65536) + " PROTO=" + proto + " SPT=" + sport + " DPT=" + port
        + ("TCP".equals(proto) ? " WINDOW=1024 RES=0x00 SYN URGP=0 " : " LEN=400 ");
    kernel(t, "gw1", body);
  }

  private void icmp(double t, String source) {
    kernel(t, "gw1", "FWD-DROP: IN=eth0 OUT=eth1 MAC=52:54:00:6b:2a:01:52:54:00:c3:9e:10:08:00 SRC=" + source
        + " DST=198.51.100." + (1 + random.nextInt(254)) + " LEN=28 TOS=0x00 PREC=0x00 TTL=" + (30 + random.nextInt(30))
        + " ID=" + random.nextInt(65536) + " PROTO=ICMP TYPE=8 CODE=0 ID=" + random.nextInt(65536) + " SEQ=1 ");
  }

  /** web1 runs UFW: blocks, a limit on SSH, and the audit and allow lines UFW also writes. */
  private void ufwHost() {
    String[] sources = {"203.0.113.21", "203.0.113.22", "192.0.2.33", "203.0.113.10"};
    int[] ports = {23, 445, 1433, 3306, 5432, 6379, 8080, 8443, 9200, 1080};
    for (int i = 0; i < 180; i++) {
      String src = sources[random.nextInt(sources.length)];
      int port = ports[random.nextInt(ports.length)];
      double t = 100 + i * 19 + random.nextDouble() * 10;
      String prefix = i % 15 == 0 ? "[UFW AUDIT] " : "[UFW BLOCK] ";
      kernel(t, "web1", prefix + ufwBody(src, "198.51.100.80", "TCP", port));
    }
    for (int i = 0; i < 12; i++) {
      kernel(2000 + i * 0.7, "web1", "[UFW LIMIT BLOCK] " + ufwBody("203.0.113.55", "198.51.100.80", "TCP", 22));
    }
    for (int i = 0; i < 8; i++) {
      kernel(300 + i * 400, "web1", "[UFW ALLOW] " + ufwBody("198.51.100.5", "198.51.100.80", "TCP", 443));
    }
  }

  private String ufwBody(String src, String dst, String proto, int port) {
    return "IN=ens3 OUT= MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=" + src + " DST=" + dst + " LEN=44 TOS=0x00"
        + " PREC=0x00 TTL=" + (40 + random.nextInt(200)) + " ID=" + random.nextInt(65536) + " PROTO=" + proto
        + " SPT=" + (1024 + random.nextInt(64000)) + " DPT=" + port + " WINDOW=1024 RES=0x00 SYN URGP=0 ";
  }

  /** pbx1 filters with nftables ({@code log prefix "nft-drop: "}): SIP scans over UDP. */
  private void nftHost() {
    String[] sources = {"192.0.2.90", "203.0.113.66", "192.0.2.91"};
    for (int i = 0; i < 160; i++) {
      String src = sources[i % sources.length];
      kernel(400 + i * 17 + random.nextDouble() * 8, "pbx1", "nft-drop: IN=ens18 OUT= MAC=52:54:00:aa:bb:cc:52:54:00:dd:ee:ff:08:00"
          + " SRC=" + src + " DST=192.0.2.10 LEN=" + (400 + random.nextInt(200)) + " TOS=0x00 PREC=0x00 TTL="
          + (40 + random.nextInt(200)) + " ID=" + random.nextInt(65536) + " DF PROTO=UDP SPT=" + (5060 + random.nextInt(20))
          + " DPT=" + (i % 4 == 0 ? 5061 : 5060) + " LEN=" + (380 + random.nextInt(200)) + " ");
    }
  }

  /** IPv6 scans, written as the kernel does (every group, leading zeros). */
  private void ipv6() {
    String[] sources = {"2001:0db8:0bad:0000:0000:0000:0000:0009", "2001:0db8:0bad:0000:0000:0000:0000:0066",
      "2001:0db8:0bad:0001:0000:0000:0000:0001"};
    int[] ports = {22, 1080, 3389, 5060};
    for (int i = 0; i < 150; i++) {
      String src = sources[random.nextInt(sources.length)];
      int port = ports[i % ports.length];
      String dst = String.format(Locale.ROOT, "2001:0db8:0001:0000:0000:0000:0000:%04x", 1 + random.nextInt(64));
      kernel(150 + i * 23 + random.nextDouble() * 10, i % 3 == 0 ? "web1" : "gw1", (i % 3 == 0 ? "[UFW BLOCK] " : "FWD6-DROP: ")
          + "IN=eth0 OUT=" + (i % 3 == 0 ? "" : "eth1") + " MAC=33:33:00:00:00:01:52:54:00:65:43:21:86:dd SRC=" + src
          + " DST=" + dst + " LEN=80 TC=0 HOPLIMIT=" + (40 + random.nextInt(20)) + " FLOWLBL=" + random.nextInt(1 << 20)
          + " PROTO=TCP SPT=" + (1024 + random.nextInt(64000)) + " DPT=" + port + " WINDOW=64800 RES=0x00 SYN URGP=0 ");
    }
    for (int i = 0; i < 10; i++) {
      kernel(800 + i * 250, "gw1", "FWD6-DROP: IN=eth0 OUT=eth1 SRC=2001:0db8:0bad:0000:0000:0000:0000:0009"
          + " DST=2001:0db8:0001:0000:0000:0000:0000:0020 LEN=104 TC=0 HOPLIMIT=58 FLOWLBL=0 PROTO=ICMPv6 TYPE=128"
          + " CODE=0 ID=" + random.nextInt(65536) + " SEQ=" + (i + 1) + " ");
    }
  }

  /** Kernel lines that are not packet logs, and a packet this host sent itself (IN= empty). */
  private void noise() {
    kernel(5, "gw1", "e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None");
    kernel(7, "web1", "audit: type=1400 audit(1741000000.123:42): apparmor=\"STATUS\" operation=\"profile_load\"");
    kernel(2500, "gw1", "nf_conntrack: nf_conntrack: table full, dropping packet");
    kernel(2600, "web1", "[UFW BLOCK] IN= OUT=ens3 SRC=198.51.100.80 DST=192.0.2.1 LEN=60 TOS=0x00 PREC=0x00 TTL=64"
        + " ID=1 DF PROTO=TCP SPT=43210 DPT=25 WINDOW=64240 RES=0x00 SYN URGP=0 ");
  }

  private void kernel(double t, String host, String body) {
    double uptime = 864000 + t + (host.hashCode() & 0xFFFF);
    add(t, host + " kernel: [" + String.format(Locale.ROOT, "%.6f", uptime) + "] " + body);
  }

  // ---------------------------------------------------------------- kamailio

  private String writeKamailio() {
    startup();
    svmap();
    registerFlood();
    enumeration();
    passwordGuessing();
    relayProbes();
    brokenClients();
    return render();
  }

  private void startup() {
    kamailio(0, 2340, "INFO: <core> [main.c:3055]: main(): processes (at least): 9 - shm size: 67108864 - pkg size: 8388608");
    kamailio(0, 2341, "INFO: <core> [core/udp_server.c:207]: probe_max_receive_buffer(): SO_RCVBUF is finally 524288 on fd 5");
    kamailio(0, 2340, "INFO: pike [pike.c:101]: pike_init(): PIKE - initializing");
  }

  /** svmap sweeping for SIP servers: OPTIONS as "friendly-scanner", logged and dropped. */
  private void svmap() {
    for (int i = 0; i < 30; i++) {
      script(30 + i * 95 + random.nextDouble() * 40, "scanner", "203.0.113.50", 5060, "udp", "OPTIONS", "100", "friendly-scanner");
    }
  }

  /** SIPVicious svcrack at full speed: scanner lines until pike blocks, then rate-limited ones. */
  private void registerFlood() {
    double t = 600;
    String src = "203.0.113.66";
    for (int i = 0; i < 40; i++) {
      script(t + i * 0.04, "scanner", src, 5062, "udp", "REGISTER", "1001", "friendly-scanner");
    }
    t += 40 * 0.04;
    kamailio(t, child(), "NOTICE: pike [pike_funcs.c:135]: pike_check_ipaddr(): PIKE - BLOCKing ip " + src
        + ", node=0x7f4ba052f7d8");
    for (int i = 0; i < 420; i++) {
      script(t + 0.01 + i * 0.012, "rate-limited", src, 5062, "udp", "REGISTER", "1001", "friendly-scanner");
    }
  }

  /** svwar-style extension enumeration with a borrowed user agent: REGISTER for 100..399. */
  private void enumeration() {
    double t = 1200;
    for (int ext = 100; ext < 400; ext++) {
      script(t + (ext - 100) * 0.1, "unknown-user", "198.51.100.77", 5070, "udp", "REGISTER", Integer.toString(ext),
          "Zoiper%20rv2.10.8.4");
    }
  }

  /** Password guessing against 1001 over TCP from IPv6. */
  private void passwordGuessing() {
    double t = 1800;
    for (int i = 0; i < 120; i++) {
      script(t + i * 0.5, "auth-failed", "2001:db8:bad::66", 40000 + i % 7, "tcp", "REGISTER", "1001",
          "PolycomSoundPointIP-SPIP_550-UA%2F3.3.5.0247");
    }
  }

  /** Calls to foreign numbers through us (toll fraud probes), and calls to numbers no one has. */
  private void relayProbes() {
    for (int i = 0; i < 25; i++) {
      script(2400 + i * 7, "acl", "192.0.2.140", 5070, "udp", "INVITE", "1001", "sipcli%2Fv1.8");
    }
    for (int i = 0; i < 18; i++) {
      script(2700 + i * 11, "unknown-extension", "192.0.2.141", 5060, "udp", "INVITE", "1002", "eyeBeam%20release%203015c");
    }
  }

  /** Requests only a broken client or a fuzzer sends, and a TLS handshake gone wrong. */
  private void brokenClients() {
    for (int i = 0; i < 6; i++) {
      script(3000 + i * 13, "malformed", "203.0.113.77", 5060, "udp", "REGISTER", "<null>", "<null>");
    }
    for (int i = 0; i < 4; i++) {
      double t = 3100 + i * 40;
      int pid = child();
      kamailio(t, pid, "ERROR: <core> [core/parser/parse_fline.c:271]: parse_first_line(): parse_first_line: bad message (offset: 8)");
      kamailio(t, pid, "ERROR: <core> [core/parser/msg_parser.c:749]: parse_msg(): ERROR: parse_msg: message=<GET / HTTP/1.0#015#012#015#012>");
      kamailio(t, pid, "ERROR: <core> [core/receive.c:376]: receive_msg(): core parsing of SIP message failed (203.0.113.77:"
          + (50000 + i) + "/1)");
    }
    for (int i = 0; i < 3; i++) {
      double t = 3300 + i * 60;
      int pid = child();
      kamailio(t, pid, "ERROR: tls [tls_server.c:1329]: tls_h_read_f(): protocol level error");
      kamailio(t, pid, "ERROR: tls [tls_util.h:49]: tls_err_ret(): TLS accept:error:0A00010B:SSL routines::wrong version number");
      kamailio(t, pid, "ERROR: tls [tls_server.c:1333]: tls_h_read_f(): src addr: 2001:db8:bad::5:" + (41000 + i));
      kamailio(t, pid, "ERROR: tls [tls_server.c:1337]: tls_h_read_f(): dst addr: 2001:db8:1::10:5061");
    }
  }

  /** A line of route[ABUSELOOP_LOG] (examples/kamailio/abuseloop-logging.cfg), request text already escaped. */
  private void script(double t, String outcome, String src, int sport, String proto, String method, String user, String ua) {
    boolean v6 = src.indexOf(':') >= 0;
    kamailio(t, child(), "WARNING: <script>: abuseloop: outcome=" + outcome + " src=" + src + " sport=" + sport
        + " proto=" + proto + " dst=" + (v6 ? "2001:db8:1::10" : "192.0.2.10") + " dport=" + ("tls".equals(proto) ? 5061 : 5060)
        + " method=" + method + " user=" + user + " ua=" + ua);
  }

  private int child() {
    return 2341 + random.nextInt(8);
  }

  private void kamailio(double t, int pid, String message) {
    add(t, "sip1 kamailio[" + pid + "]: " + message);
  }

  // ---------------------------------------------------------------- output

  private void add(double t, String text) {
    lines.add(new Line(t, sequence++, text));
  }

  private String render() {
    lines.sort(Comparator.comparingDouble(Line::time).thenComparingInt(Line::sequence));
    StringBuilder sb = new StringBuilder();
    for (Line l : lines) {
      int s = START + (int) l.time();
      sb.append(String.format(Locale.ROOT, "Mar  3 %02d:%02d:%02d ", s / 3600, s / 60 % 60, s % 60)).append(l.text()).append('\n');
    }
    return sb.toString();
  }
}
