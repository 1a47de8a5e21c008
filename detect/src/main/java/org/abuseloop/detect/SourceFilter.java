package org.abuseloop.detect;

import java.util.List;
import java.util.Set;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Decides which sources are never detected: the host's own addresses always, the allow-list, and
 * loopback and private addresses unless the settings include them. Immutable and thread-safe; the
 * allow-list is scanned in order, which suits the few entries it usually holds.
 */
final class SourceFilter {

  private final Set<IpAddress> host;
  private final List<IpPrefix> allow;
  private final boolean privates;
  private final boolean loopback;

  SourceFilter(Settings settings, Set<IpAddress> hostAddresses) {
    this.host = Set.copyOf(hostAddresses);
    this.allow = settings.allow();
    this.privates = settings.includePrivate();
    this.loopback = settings.includeLoopback();
  }

  boolean admits(IpAddress a) {
    if (host.contains(a) || (a.isLoopback() && !loopback) || (a.isPrivate() && !privates)) {
      return false;
    }
    for (IpPrefix p : allow) {
      if (p.contains(a)) {
        return false;
      }
    }
    return true;
  }
}
