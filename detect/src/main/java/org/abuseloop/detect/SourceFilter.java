package org.abuseloop.detect;

import java.util.Set;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Decides which sources are never detected: the host's own addresses always, the allow-list, and
 * loopback and private addresses unless the settings include them. Immutable and thread-safe; the
 * host's addresses and the allow-list are scanned in order, which suits the few entries they usually
 * hold: in arrays, as this runs for every event, so no iterator is made and no set is probed (a
 * {@code Set.copyOf} lookup and the list's iterator were 4 % of {@code analyze} on a firewall log).
 */
final class SourceFilter {

  /** A host with more addresses than this has them looked up in a set rather than scanned. */
  private static final int SCANNED_HOST_ADDRESSES = 16;

  private final IpAddress[] host;
  private final Set<IpAddress> manyHost;
  private final IpPrefix[] allow;
  private final boolean privates;
  private final boolean loopback;

  SourceFilter(Settings settings, Set<IpAddress> hostAddresses) {
    Set<IpAddress> all = Set.copyOf(hostAddresses);
    this.manyHost = all.size() > SCANNED_HOST_ADDRESSES ? all : null;
    this.host = manyHost == null ? all.toArray(new IpAddress[0]) : new IpAddress[0];
    this.allow = settings.allow().toArray(new IpPrefix[0]);
    this.privates = settings.includePrivate();
    this.loopback = settings.includeLoopback();
  }

  boolean admits(IpAddress a) {
    if ((a.isLoopback() && !loopback) || (a.isPrivate() && !privates) || (manyHost != null && manyHost.contains(a))) {
      return false;
    }
    for (IpAddress h : host) {
      if (h.equals(a)) {
        return false;
      }
    }
    for (IpPrefix p : allow) {
      if (p.contains(a)) {
        return false;
      }
    }
    return true;
  }
}
