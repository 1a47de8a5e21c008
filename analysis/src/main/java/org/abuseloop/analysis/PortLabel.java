package org.abuseloop.analysis;

/** The short name of a port entry for people: {@code tcp/1080}, {@code icmp}, {@code sshd (no port)}. */
public final class PortLabel {

  private PortLabel() {}

  public static String of(Breakdown.PortShare p) {
    if (p.service() != null) {
      return p.service() + " (no port)";
    }
    if (p.port() == null) {
      return p.protocol();
    }
    return (p.protocol() == null ? "" : p.protocol() + "/") + p.port();
  }
}
