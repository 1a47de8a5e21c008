package org.abuseloop.logs.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.Arrays;
import org.abuseloop.core.Event;
import org.abuseloop.logs.TestLogs;
import org.junit.jupiter.api.Test;

/**
 * Real syslog senders on 127.0.0.1 (port 0, so the system picks a free one) against the UDP and TCP
 * receivers: RFC 3164 and 5424 messages, both TCP framings, several clients, cut frames, garbage.
 */
class SyslogReceiverTest {

  private static final String BSD = "<38>Jun 30 10:00:01 gate sshd[812]: Failed password for root from 203.0.113.7 port 2222 ssh2";
  private static final String RFC5424 = "<38>1 2024-06-30T10:00:02.5Z gate sshd 813 - - Failed password for admin from 198.51.100.4 port 2223 ssh2";

  @Test
  void udpHandsEachDatagramOverAsOneMessageWithoutItsTrailingLineEnd() throws Exception {
    ListeningSource udp = LogSources.syslogUdp(0);
    assertThat(udp.localAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(udp.name()).isEqualTo("syslog-udp:127.0.0.1:" + udp.localAddress().getPort());
    try (Collector.Running r = Collector.Running.start(udp); DatagramSocket client = new DatagramSocket()) {
      send(client, udp, BSD + "\n");
      send(client, udp, RFC5424);
      send(client, udp, "two\nlines in one datagram\r\n");
      assertThat(r.collector.awaitLines(3)).containsExactly(BSD, RFC5424, "two\nlines in one datagram");
      assertThat(r.collector.lines()).extracting(SourceLine::lineNumber).containsExactly(1L, 2L, 3L);
      assertThat(r.collector.lines()).allSatisfy(l -> assertThat(l.after().kind()).isEqualTo(Position.Kind.STREAM));
    }
  }

  @Test
  void theReceivedLinesGiveEventsWithTheirPriorityPrefix() {
    Instant reference = Instant.parse("2024-07-01T00:00:00Z");
    Event bsd = TestLogs.one(reference, BSD);
    assertThat(bsd.source().toString()).isEqualTo("203.0.113.7");
    assertThat(bsd.time()).isEqualTo(Instant.parse("2024-06-30T10:00:01Z"));
    Event rfc = TestLogs.one(reference, RFC5424);
    assertThat(rfc.source().toString()).isEqualTo("198.51.100.4");
    assertThat(rfc.time()).isEqualTo(Instant.parse("2024-06-30T10:00:02.5Z"));
  }

  @Test
  void udpCutsAnOversizedDatagramAndFlagsIt() throws Exception {
    byte[] big = new byte[65_000];
    Arrays.fill(big, (byte) 'q');
    try (Collector.Running r = Collector.Running.start(new SyslogUdpSource(new InetSocketAddress("127.0.0.1", 0), 1000)); DatagramSocket client = new DatagramSocket()) {
      send(client, r.source, new String(big, UTF_8));
      send(client, r.source, "small");
      r.collector.awaitLines(2);
      SourceLine cut = r.collector.lines().get(0);
      assertThat(cut.truncated()).isTrue();
      assertThat(cut.bytes()).hasSize(1000);
      assertThat(r.collector.lines().get(1).truncated()).isFalse();
    }
  }

  @Test
  void tcpReadsOctetCountingAndNewlineFramingFromTwoClientsAtOnce() throws Exception {
    ListeningSource tcp = LogSources.syslogTcp(0);
    assertThat(tcp.name()).isEqualTo("syslog-tcp:127.0.0.1:" + tcp.localAddress().getPort());
    try (Collector.Running r = Collector.Running.start(tcp);
        Socket counting = new Socket();
        Socket lines = new Socket()) {
      counting.connect(tcp.localAddress());
      lines.connect(tcp.localAddress());
      OutputStream c = counting.getOutputStream();
      OutputStream l = lines.getOutputStream();
      byte[] bsd = BSD.getBytes(UTF_8);
      // The first frame arrives in two pieces, cut inside its length.
      c.write(String.valueOf(bsd.length).substring(0, 1).getBytes(UTF_8));
      c.flush();
      l.write((RFC5424 + "\n<13>Jun 30 10:00:03 gate app: a message with a\ttab and a").getBytes(UTF_8));
      l.flush();
      c.write((String.valueOf(bsd.length).substring(1) + " ").getBytes(UTF_8));
      c.write(bsd);
      c.write("11 hello\nworld".getBytes(UTF_8));
      c.flush();
      r.collector.awaitLines(3);
      l.write(" line end\n".getBytes(UTF_8));
      l.flush();
      r.collector.awaitLines(4);
      assertThat(r.collector.texts()).containsExactlyInAnyOrder(BSD, "hello\nworld", RFC5424, "<13>Jun 30 10:00:03 gate app: a message with a\ttab and a line end");
      assertThat(r.collector.texts().indexOf(BSD)).isLessThan(r.collector.texts().indexOf("hello\nworld"));
      assertThat(r.collector.texts().indexOf(RFC5424)).isLessThan(r.collector.texts().indexOf("<13>Jun 30 10:00:03 gate app: a message with a\ttab and a line end"));
    }
  }

  @Test
  void tcpNewlineFramingAcceptsALineThatStartsWithDigitsAndALastLineEndedByTheConnection() throws Exception {
    ListeningSource tcp = LogSources.syslogTcp(0);
    try (Collector.Running r = Collector.Running.start(tcp); Socket s = new Socket()) {
      s.connect(tcp.localAddress());
      s.getOutputStream().write("2024-06-30T10:00:04+00:00 gate sshd[9]: no priority\nlast without line end".getBytes(UTF_8));
      s.getOutputStream().flush();
      r.collector.awaitLines(1);
      s.close();
      assertThat(r.collector.awaitLines(2)).containsExactly("2024-06-30T10:00:04+00:00 gate sshd[9]: no priority", "last without line end");
    }
  }

  @Test
  void tcpDropsAClientThatSendsGarbageAndServesTheOthers() throws Exception {
    ListeningSource tcp = LogSources.syslogTcp(0);
    try (Collector.Running r = Collector.Running.start(tcp); Socket good = new Socket(); Socket bad = new Socket()) {
      good.connect(tcp.localAddress());
      bad.connect(tcp.localAddress());
      bad.getOutputStream().write("5 fine!3x garbage".getBytes(UTF_8));
      bad.getOutputStream().flush();
      assertThat(r.collector.awaitLines(1)).containsExactly("fine!");
      // The server closes the bad client: its reads end.
      bad.setSoTimeout((int) Collector.PATIENCE.toMillis());
      assertThat(bad.getInputStream().read()).isEqualTo(-1);
      good.getOutputStream().write("4 good".getBytes(UTF_8));
      good.getOutputStream().flush();
      assertThat(r.collector.awaitLines(2)).containsExactly("fine!", "good");
    }
  }

  @Test
  void tcpCutsAnOversizedFrameAndKeepsTheFramingInStep() throws Exception {
    try (Collector.Running r = Collector.Running.start(new SyslogTcpSource(new InetSocketAddress("127.0.0.1", 0), 100)); Socket s = new Socket()) {
      s.connect(((ListeningSource) r.source).localAddress());
      byte[] big = new byte[5000];
      Arrays.fill(big, (byte) 'z');
      OutputStream o = s.getOutputStream();
      o.write((big.length + " ").getBytes(UTF_8));
      o.write(big);
      o.write("5 after".getBytes(UTF_8));
      o.flush();
      r.collector.awaitLines(2);
      assertThat(r.collector.lines().get(0).truncated()).isTrue();
      assertThat(r.collector.lines().get(0).bytes()).hasSize(100);
      assertThat(r.collector.lines().get(1).text()).isEqualTo("after");
    }
  }

  @Test
  void tcpCutsAnOverlongLineInNewlineFraming() throws Exception {
    try (Collector.Running r = Collector.Running.start(new SyslogTcpSource(new InetSocketAddress("127.0.0.1", 0), 100)); Socket s = new Socket()) {
      s.connect(((ListeningSource) r.source).localAddress());
      byte[] big = new byte[5000];
      Arrays.fill(big, (byte) 'z');
      big[0] = '<';
      OutputStream o = s.getOutputStream();
      o.write(big);
      o.write("\nnext\n".getBytes(UTF_8));
      o.flush();
      r.collector.awaitLines(2);
      assertThat(r.collector.lines().get(0).truncated()).isTrue();
      assertThat(r.collector.lines().get(0).bytes()).hasSize(100);
      assertThat(r.collector.lines().get(1).text()).isEqualTo("next");
    }
  }

  private static void send(DatagramSocket client, LogSource to, String message) throws Exception {
    byte[] b = message.getBytes(UTF_8);
    client.send(new DatagramPacket(b, b.length, ((ListeningSource) to).localAddress()));
  }
}
