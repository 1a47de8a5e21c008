package org.abuseloop.detect;

import java.util.Objects;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * What detection state is kept per: a source address, a prefix or a network owner, optionally with a
 * target port (for sweeps of one port). Immutable and thread-safe; the address bits are held as two
 * longs and the scope, family, prefix length and port are packed into one int.
 */
record Key(long high, long low, int meta, String owner) {

  private static final int V4 = 1 << 2;
  private static final int NO_PORT = 0;
  private static final Scope[] SCOPES = Scope.values();

  static Key address(IpAddress a) {
    return new Key(a.high(), a.low(), pack(Scope.ADDRESS, a.isIPv4(), a.bitLength(), NO_PORT), null);
  }

  static Key prefix(IpPrefix p) {
    IpAddress n = p.network();
    return new Key(n.high(), n.low(), pack(Scope.PREFIX, n.isIPv4(), p.length(), NO_PORT), null);
  }

  static Key owner(String owner) {
    return new Key(0, 0, pack(Scope.OWNER, false, 0, NO_PORT), owner);
  }

  /** This key narrowed to one target port. */
  Key withPort(int port) {
    return new Key(high, low, withPort(meta, port), owner);
  }

  /** The meta of a key narrowed to one target port. */
  static int withPort(int meta, int port) {
    return (meta & 0x7FF) | ((port + 1) << 11);
  }

  /** The meta of {@link #address}. */
  static int addressMeta(IpAddress a) {
    return pack(Scope.ADDRESS, a.isIPv4(), a.bitLength(), NO_PORT);
  }

  /** The meta of an IPv4 {@link #prefix}. */
  static int ipv4PrefixMeta(int length) {
    return pack(Scope.PREFIX, true, length, NO_PORT);
  }

  /** The meta of {@link #owner}. */
  static int ownerMeta() {
    return pack(Scope.OWNER, false, 0, NO_PORT);
  }

  /** This key without its target port: the source alone. */
  Key source() {
    return new Key(high, low, meta & 0x7FF, owner);
  }

  Scope scope() {
    return scopeOf(meta);
  }

  /** The scope of the key with this meta. */
  static Scope scopeOf(int meta) {
    return SCOPES[meta & 3];
  }

  /** The prefix (an address is a full-length prefix); null for an owner. */
  IpPrefix prefix() {
    if (scope() == Scope.OWNER) {
      return null;
    }
    IpAddress a = (meta & V4) != 0 ? IpAddress.ofIPv4((int) low) : IpAddress.ofIPv6(high, low);
    return IpPrefix.of(a, (meta >>> 3) & 0xFF);
  }

  /**
   * Written out rather than the record's generated one: keys are hashed and compared several times per
   * event, and the generated methods go through method handles that the launcher's C1-only JIT does
   * not inline. Same equality as the record's.
   */
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof Key k && high == k.high && low == k.low && meta == k.meta
        && Objects.equals(owner, k.owner);
  }

  @Override
  public int hashCode() {
    return hash(high, low, meta, owner);
  }

  /** The hash of the key with these parts, for tables that look keys up without building them. */
  static int hash(long high, long low, int meta, String owner) {
    long x = (high * 0x9E3779B97F4A7C15L + low) * 0xBF58476D1CE4E5B9L + meta;
    int h = (int) (x ^ (x >>> 32));
    return owner == null ? h : 31 * h + owner.hashCode();
  }

  private static int pack(Scope scope, boolean v4, int length, int port) {
    return scope.ordinal() | (v4 ? V4 : 0) | (length << 3) | (port << 11);
  }
}
