package org.abuseloop.cli;

import java.io.PrintWriter;
import org.abuseloop.core.IpPrefix;

/** Reads and prints the ADDR|CIDR argument of the manual commands. Stateless and thread-safe. */
final class Targets {

  private Targets() {}

  /** The prefix, or null after printing why the text is none. */
  static IpPrefix parse(String text, PrintWriter err) {
    IpPrefix p = text == null ? null : IpPrefix.parse(text.strip());
    if (p == null) {
      err.println("abuseloop: not an address or CIDR: '" + text + "'");
      err.flush();
    }
    return p;
  }

  /** A host as its bare address, a wider prefix as {@code network/length}. */
  static String text(IpPrefix p) {
    return p.length() == p.network().bitLength() ? p.network().toString() : p.toString();
  }
}
