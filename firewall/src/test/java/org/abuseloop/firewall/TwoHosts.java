package org.abuseloop.firewall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.abuseloop.core.IpAddress;
import org.abuseloop.logs.conformance.NetNamespace;

/**
 * Two namespaces joined by a veth pair, a server and a client on a random 10.x.y.z/30 and a random
 * 2001:db8:x:y::/64, with a
 * {@link UdpProbe} receiver in the server and a sender in the client. Everything is deleted on
 * close, even when setting up failed halfway. Safe for one test thread plus the output readers.
 */
final class TwoHosts implements AutoCloseable {

  /** How long to wait for something that must happen; a bound on hanging, not a speed requirement. */
  static final long PATIENCE_MILLIS = 20_000;

  final NetNamespace server;
  final NetNamespace client;
  final IpAddress serverAddress;
  final IpAddress clientAddress;
  final IpAddress serverAddress6;
  final IpAddress clientAddress6;
  private final List<Process> probes = new ArrayList<>();
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private final BlockingQueue<String> senderReplies = new LinkedBlockingQueue<>();
  private Writer senderInput;

  private TwoHosts(NetNamespace server, NetNamespace client, String net4, int base, String net6) {
    this.server = server;
    this.client = client;
    this.serverAddress = IpAddress.of(net4 + (base + 1));
    this.clientAddress = IpAddress.of(net4 + (base + 2));
    this.serverAddress6 = IpAddress.of(net6 + 1);
    this.clientAddress6 = IpAddress.of(net6 + 2);
  }

  /** Sets up both hosts, the link, a receiver on {@code ports} and the sender; undoes it all on failure. */
  static TwoHosts open(int... ports) throws Exception {
    NetNamespace server = NetNamespace.create("srv");
    NetNamespace client = null;
    TwoHosts hosts = null;
    try {
      client = NetNamespace.create("cli");
      ThreadLocalRandom r = ThreadLocalRandom.current();
      String net4 = "10." + r.nextInt(1, 255) + "." + r.nextInt(0, 256) + ".";
      int base = r.nextInt(0, 64) * 4;
      String net6 = "2001:db8:" + Integer.toHexString(r.nextInt(1, 0x10000)) + ":" + Integer.toHexString(r.nextInt(0, 0x10000)) + "::";
      hosts = new TwoHosts(server, client, net4, base, net6);
      server.exec("ip", "link", "add", "vs", "type", "veth", "peer", "name", "vc", "netns", client.name());
      server.exec("ip", "addr", "add", hosts.serverAddress + "/30", "dev", "vs");
      client.exec("ip", "addr", "add", hosts.clientAddress + "/30", "dev", "vc");
      server.exec("ip", "addr", "add", hosts.serverAddress6 + "/64", "dev", "vs", "nodad");
      client.exec("ip", "addr", "add", hosts.clientAddress6 + "/64", "dev", "vc", "nodad");
      server.exec("ip", "link", "set", "vs", "up");
      client.exec("ip", "link", "set", "vc", "up");
      hosts.startProbes(ports);
      return hosts;
    } catch (Exception | AssertionError e) {
      if (hosts != null) {
        hosts.close();
      } else {
        server.close();
        if (client != null) {
          client.close();
        }
      }
      throw e;
    }
  }

  /** Sends {@code count} datagrams tagged {@code tag} from the client to the server's {@code port}. */
  void send(int port, int count, String tag) throws Exception {
    send(serverAddress, port, count, tag);
  }

  /** Sends {@code count} datagrams tagged {@code tag} from the client to {@code to}:{@code port}. */
  void send(IpAddress to, int port, int count, String tag) throws Exception {
    senderInput.write(port + " " + count + " " + tag + " " + to + "\n");
    senderInput.flush();
    String reply = senderReplies.poll(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
    if (!"sent".equals(reply)) {
      throw new IllegalStateException("sender did not confirm: " + reply);
    }
  }

  /** How many datagrams tagged {@code tag} reached the server's socket on {@code port}. */
  long received(int port, String tag) {
    String head = "got " + port + " " + tag + "-";
    synchronized (received) {
      return received.stream().filter(l -> l.startsWith(head)).count();
    }
  }

  /** Waits until {@code condition} holds, failing after {@link #PATIENCE_MILLIS}. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    for (Process p : probes) {
      p.destroyForcibly();
    }
    try {
      server.close();
    } finally {
      client.close();
    }
  }

  private void startProbes(int... ports) throws Exception {
    List<String> listen = new ArrayList<>(java());
    listen.add("listen");
    for (int p : ports) {
      listen.add(String.valueOf(p));
    }
    BlockingQueue<String> ready = new LinkedBlockingQueue<>();
    Process receiver = server.start(listen);
    probes.add(receiver);
    follow(receiver, line -> {
      if (line.equals("ready")) {
        ready.add(line);
      } else {
        received.add(line);
      }
    });
    List<String> send = new ArrayList<>(java());
    send.add("send");
    send.add(serverAddress.toString());
    Process sender = client.start(send);
    probes.add(sender);
    senderInput = new OutputStreamWriter(sender.getOutputStream(), StandardCharsets.UTF_8);
    follow(sender, senderReplies::add);
    if (ready.poll(PATIENCE_MILLIS, TimeUnit.MILLISECONDS) == null || !"ready".equals(senderReplies.poll(PATIENCE_MILLIS, TimeUnit.MILLISECONDS))) {
      throw new IllegalStateException("UDP probes did not start");
    }
  }

  private static List<String> java() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path classes = Path.of(UdpProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classes.toString(), UdpProbe.class.getName());
  }

  private static void follow(Process p, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          sink.accept(l);
        }
      } catch (IOException e) {
        // The probe was stopped.
      }
    }, "udp-probe-output");
    t.setDaemon(true);
    t.start();
  }
}
