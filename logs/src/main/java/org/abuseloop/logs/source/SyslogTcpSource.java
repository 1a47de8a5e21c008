package org.abuseloop.logs.source;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A syslog receiver on TCP (RFC 6587): any number of clients up to a cap, served by one selector on
 * the thread in {@link #run}, so the sink sees one thread; each connection's framing (octet counting
 * or LF) is told from its first bytes. A client whose octet-counting header is garbage is dropped with
 * a log line while the others go on. {@link #close} is thread-safe; no position (a restart starts fresh).
 */
final class SyslogTcpSource implements ListeningSource {

  private static final System.Logger LOG = System.getLogger(SyslogTcpSource.class.getName());
  static final int MAX_CLIENTS = 256;

  private final ServerSocketChannel server;
  private final Selector selector;
  private final InetSocketAddress local;
  private final int maxLine;
  private final String name;
  private volatile boolean closed;

  // The state below belongs to the thread in run().
  private long lines;
  private long bytes;
  private final java.util.Set<SocketChannel> clients = new java.util.HashSet<>();

  SyslogTcpSource(InetSocketAddress address, int maxLine) throws IOException {
    this.server = ServerSocketChannel.open();
    try {
      server.bind(address, 64);
      server.configureBlocking(false);
      this.selector = Selector.open();
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen for syslog on tcp " + address + ": " + e.getMessage(), e);
    }
    this.local = (InetSocketAddress) server.getLocalAddress();
    this.maxLine = maxLine;
    this.name = "syslog-tcp:" + local.getAddress().getHostAddress() + ":" + local.getPort();
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
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    try {
      server.register(selector, SelectionKey.OP_ACCEPT);
      while (!closed) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else if (key.isReadable()) {
            read(key, buf, sink);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (ClosedSelectorException e) {
      if (!closed) {
        throw e;
      }
    } finally {
      shutDown();
    }
  }

  private void accept() throws IOException {
    SocketChannel client = server.accept();
    if (client == null) {
      return;
    }
    if (clients.size() >= MAX_CLIENTS) {
      LOG.log(Level.WARNING, "{0}: refusing {1}, already {2} clients", name, client.getRemoteAddress(), clients.size());
      client.close();
      return;
    }
    client.configureBlocking(false);
    clients.add(client);
    String remote = String.valueOf(client.getRemoteAddress());
    client.register(selector, SelectionKey.OP_READ, new TcpFraming(remote, maxLine));
  }

  private void read(SelectionKey key, ByteBuffer buf, LineSink sink) throws IOException {
    SocketChannel client = (SocketChannel) key.channel();
    TcpFraming framing = (TcpFraming) key.attachment();
    TcpFraming.Out out = (message, truncated) -> {
      lines++;
      sink.line(new SourceLine(name, message, lines, Position.stream(bytes, lines), truncated));
    };
    buf.clear();
    int n;
    try {
      n = client.read(buf);
    } catch (IOException e) {
      n = -1; // reset by the peer: same as its end
    }
    long before = lines;
    String problem = null;
    if (n > 0) {
      bytes += n;
      problem = framing.feed(buf.array(), 0, n, out);
    } else if (n < 0) {
      problem = framing.end(out);
    }
    if (lines != before) {
      sink.endOfBatch(Position.stream(bytes, lines));
    }
    if (problem != null) {
      LOG.log(Level.WARNING, "{0}: dropping client {1}: {2}", name, framing.remote(), problem);
    }
    if (n < 0 || problem != null) {
      key.cancel();
      client.close();
      clients.remove(client);
    }
  }

  private void shutDown() throws IOException {
    for (SocketChannel client : clients) {
      client.close();
    }
    clients.clear();
    close();
  }

  @Override
  public void close() {
    closed = true;
    try {
      selector.close(); // wakes a select() in progress
      server.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing " + name, e);
    }
  }
}
