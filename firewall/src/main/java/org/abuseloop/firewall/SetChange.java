package org.abuseloop.firewall;

import org.abuseloop.core.IpPrefix;

/**
 * One change to a kernel ban set, as the backends translate it: add an element, renew it with a new
 * timeout, or remove it. Immutable and thread-safe; every kind is safe to apply whether or not the
 * kernel still holds the element, so a transaction never fails on an element that already expired.
 */
record SetChange(Kind kind, IpPrefix target, long timeoutMillis) {

  /** The kinds of change. */
  enum Kind { ADD, RENEW, REMOVE }

  static SetChange add(IpPrefix target, long timeoutMillis) {
    return new SetChange(Kind.ADD, target, timeoutMillis);
  }

  static SetChange renew(IpPrefix target, long timeoutMillis) {
    return new SetChange(Kind.RENEW, target, timeoutMillis);
  }

  static SetChange remove(IpPrefix target) {
    return new SetChange(Kind.REMOVE, target, 0);
  }

  boolean isHost() {
    return PrefixRanges.isHost(target);
  }

  boolean isIPv4() {
    return target.network().isIPv4();
  }
}
