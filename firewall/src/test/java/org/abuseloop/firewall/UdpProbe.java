package org.abuseloop.firewall;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The tiny UDP sender and receiver of the end-to-end tests, run inside a namespace with {@code ip
 * netns exec}: {@code listen PORT...} prints {@code got PORT PAYLOAD} per datagram, {@code send HOST}
 * reads lines {@code PORT COUNT TAG [TO]} and sends COUNT datagrams {@code TAG-i} to HOST (or TO).
 * Not thread-safe; one per process.
 */
public final class UdpProbe {

  private UdpProbe() {
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("listen")) {
      for (int i = 1; i < args.length; i++) {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(Integer.parseInt(args[i])));
        Thread t = new Thread(() -> receive(socket));
        t.start();
      }
      System.out.println("ready");
      System.out.flush();
    } else {
      send(InetAddress.getByName(args[1]));
    }
  }

  private static void receive(DatagramSocket socket) {
    byte[] buf = new byte[512];
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (java.io.IOException e) {
        return;
      }
      synchronized (System.out) {
        System.out.println("got " + socket.getLocalPort() + " " + new String(buf, 0, p.getLength(), StandardCharsets.UTF_8));
        System.out.flush();
      }
    }
  }

  private static void send(InetAddress host) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (DatagramSocket socket = new DatagramSocket()) {
      System.out.println("ready");
      System.out.flush();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] w = line.split(" ");
        int port = Integer.parseInt(w[0]);
        InetAddress to = w.length > 3 ? InetAddress.getByName(w[3]) : host;
        for (int i = 0; i < Integer.parseInt(w[1]); i++) {
          byte[] data = (w[2] + "-" + i).getBytes(StandardCharsets.UTF_8);
          socket.send(new DatagramPacket(data, data.length, to, port));
        }
        System.out.println("sent");
        System.out.flush();
      }
    }
  }
}
