package org.abuseloop.cli;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.abuseloop.core.IpAddress;

/**
 * The addresses of this host's network interfaces, which abuseloop never treats as attackers. Read
 * once per command; an interface that cannot be listed is skipped rather than failing the run.
 */
final class HostAddresses {

  private HostAddresses() {}

  static List<IpAddress> local() {
    List<IpAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          IpAddress ip = IpAddress.parse(a.getHostAddress());
          if (ip != null) {
            out.add(ip);
          }
        }
      }
    } catch (SocketException e) {
      // No interfaces listed: loopback and private addresses are still excluded by the detector.
    }
    return out;
  }
}
