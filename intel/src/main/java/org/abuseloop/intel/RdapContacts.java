package org.abuseloop.intel;

import org.abuseloop.core.IpAddress;

/**
 * The registry's abuse contact for an address, found over RDAP. Placeholder of the first commit;
 * the client follows.
 */
public final class RdapContacts {

  /** The registry's abuse contact for {@code source}. */
  public ContactAnswer find(IpAddress source) {
    return ContactAnswer.none(null, "RDAP is not built yet");
  }
}
