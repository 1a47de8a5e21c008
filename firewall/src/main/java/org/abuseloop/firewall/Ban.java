package org.abuseloop.firewall;

import java.time.Instant;
import org.abuseloop.core.IpPrefix;

/**
 * One ban in force: the banned prefix (a host prefix for a single address), when it was asked for
 * and when it ends. Immutable and thread-safe.
 */
public record Ban(IpPrefix target, Instant since, Instant until) {

  /** True for a single address (/32 or /128) rather than a network. */
  public boolean isHost() {
    return target.length() == target.network().bitLength();
  }

  /** True while {@code now} is before the end of the ban. */
  public boolean activeAt(Instant now) {
    return now.isBefore(until);
  }
}
