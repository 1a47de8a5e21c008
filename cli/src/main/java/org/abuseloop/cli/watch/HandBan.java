package org.abuseloop.cli.watch;

import java.time.Instant;
import org.abuseloop.core.IpPrefix;

/**
 * A ban set or lifted by hand ({@code abuseloop ban}, {@code unban}) while watch runs, as the decision
 * thread takes it in. Immutable and thread-safe.
 *
 * @param target the address or prefix
 * @param until when the ban ends, or null when it (and every ban inside it) was lifted
 * @param offenses the target's offense count in the store (0 when it has none)
 */
record HandBan(IpPrefix target, Instant until, int offenses) {

  static HandBan lifted(IpPrefix target, int offenses) {
    return new HandBan(target, null, offenses);
  }

  boolean isLift() {
    return until == null;
  }
}
