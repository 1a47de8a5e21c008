package org.abuseloop.intel;

import org.abuseloop.core.IpPrefix;

/**
 * The autonomous system announcing an address, as an ASN database records it. Immutable and
 * thread-safe.
 *
 * @param number the AS number (e.g. 64496)
 * @param organization the organisation holding it, or null when the database gives none
 * @param network the database's network holding the address
 */
public record AutonomousSystem(long number, String organization, IpPrefix network) {

  @Override
  public String toString() {
    return "AS" + number + (organization == null ? "" : " " + organization) + " " + network;
  }
}
