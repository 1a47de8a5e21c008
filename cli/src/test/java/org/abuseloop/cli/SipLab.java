package org.abuseloop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.abuseloop.logs.conformance.NetNamespace;

/**
 * Three hosts in network namespaces: a SIP server, an attacker and a control client, each joined to
 * the server by its own veth pair. The addresses come from a random /29 of 198.18.0.0/15 (RFC 2544's
 * benchmarking range): not private, so abuseloop's detector and allow-list treat the attacker like
 * any public address, and never routed on the Internet. Everything is deleted on close, also when
 * setting up failed halfway. Not thread-safe; used by one test thread.
 */
final class SipLab implements AutoCloseable {

  final NetNamespace server;
  final NetNamespace attacker;
  final NetNamespace control;
  /** The server's address on the attacker's link: the one Kamailio listens on. */
  final String serverAddress;
  final String attackerAddress;
  final String controlAddress;
  private final String controlGateway;

  private SipLab(List<NetNamespace> hosts, String net, int base) {
    this.server = hosts.get(0);
    this.attacker = hosts.get(1);
    this.control = hosts.get(2);
    this.serverAddress = net + (base + 1);
    this.attackerAddress = net + (base + 2);
    this.controlGateway = net + (base + 5);
    this.controlAddress = net + (base + 6);
  }

  /** Creates the three namespaces and both links; undoes it all on failure. */
  static SipLab open() {
    List<NetNamespace> hosts = new ArrayList<>();
    try {
      hosts.add(NetNamespace.create("sip"));
      hosts.add(NetNamespace.create("att"));
      hosts.add(NetNamespace.create("ctl"));
      ThreadLocalRandom r = ThreadLocalRandom.current();
      String net = "198." + r.nextInt(18, 20) + "." + r.nextInt(0, 256) + ".";
      SipLab lab = new SipLab(hosts, net, r.nextInt(0, 32) * 8);
      lab.link("va", lab.attacker, "na", lab.serverAddress, lab.attackerAddress);
      lab.link("vc", lab.control, "nc", lab.controlGateway, lab.controlAddress);
      lab.control.exec("ip", "route", "add", "default", "via", lab.controlGateway);
      return lab;
    } catch (RuntimeException | Error e) {
      closeAll(hosts);
      throw e;
    }
  }

  /** A veth pair made inside the server (so the host's namespace never holds either end), /30 each. */
  private void link(String serverEnd, NetNamespace peer, String peerEnd, String serverSide, String peerSide) {
    server.exec("ip", "link", "add", serverEnd, "type", "veth", "peer", "name", peerEnd, "netns", peer.name());
    server.exec("ip", "addr", "add", serverSide + "/30", "dev", serverEnd);
    peer.exec("ip", "addr", "add", peerSide + "/30", "dev", peerEnd);
    server.exec("ip", "link", "set", serverEnd, "up");
    peer.exec("ip", "link", "set", peerEnd, "up");
  }

  @Override
  public void close() {
    closeAll(List.of(server, attacker, control));
  }

  private static void closeAll(List<NetNamespace> hosts) {
    RuntimeException first = null;
    for (NetNamespace ns : hosts) {
      try {
        ns.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "server " + server + " " + serverAddress + ", attacker " + attacker + " " + attackerAddress
        + ", control " + control + " " + controlAddress;
  }
}
