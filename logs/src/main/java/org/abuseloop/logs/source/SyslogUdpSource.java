package org.abuseloop.logs.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * A syslog receiver on UDP: one datagram is one message (RFC 3164 or 5424, handed over as-is, its
 * trailing LF, CR or NUL stripped), cut to the line limit and flagged when longer. {@link #run} is
 * for one thread; {@link #close} is thread-safe. No position: a restart starts fresh.
 */
final class SyslogUdpSource implements ListeningSource {

  /** The largest UDP payload. */
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramChannel channel;
  private final InetSocketAddress local;
  private final int maxLine;
  private final String name;
  private volatile boolean closed;

  SyslogUdpSource(InetSocketAddress address, int maxLine) throws IOException {
    this.channel = DatagramChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
      channel.bind(address);
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot listen for syslog on udp " + address + ": " + e.getMessage(), e);
    }
    this.local = (InetSocketAddress) channel.getLocalAddress();
    this.maxLine = maxLine;
    this.name = "syslog-udp:" + local.getAddress().getHostAddress() + ":" + local.getPort();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public InetSocketAddress localAddress() {
    return local;
  }

  @Override
  public void run(LineSink sink) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    long lines = 0;
    long bytes = 0;
    try {
      while (!closed) {
        buf.clear();
        channel.receive(buf);
        int end = messageEnd(buf.array(), buf.position());
        lines++;
        bytes += buf.position();
        Position after = Position.stream(bytes, lines);
        sink.line(new SourceLine(name, Arrays.copyOf(buf.array(), Math.min(end, maxLine)), lines, after, end > maxLine));
        sink.endOfBatch(after);
      }
    } catch (ClosedChannelException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  /** The end of the message without trailing LF, CR and NUL bytes. */
  static int messageEnd(byte[] b, int end) {
    int e = end;
    while (e > 0 && (b[e - 1] == '\n' || b[e - 1] == '\r' || b[e - 1] == 0)) {
      e--;
    }
    return e;
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
