package org.abuseloop.firewall;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * What the firewall never blocks: configured CIDRs, this host's own addresses, loopback, private
 * ranges unless they were made bannable, and prefixes wider than a safety limit. Immutable and
 * thread-safe; the firewall refuses such bans and also accepts these sources before any of its drops.
 */
public final class AllowList {

  private static final List<IpPrefix> LOOPBACK = List.of(IpPrefix.parse("127.0.0.0/8"), IpPrefix.parse("::1/128"));
  private static final List<IpPrefix> PRIVATE = List.of(
      IpPrefix.parse("0.0.0.0/8"), IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("100.64.0.0/10"),
      IpPrefix.parse("169.254.0.0/16"), IpPrefix.parse("172.16.0.0/12"), IpPrefix.parse("192.168.0.0/16"),
      IpPrefix.parse("::/128"), IpPrefix.parse("fc00::/7"), IpPrefix.parse("fe80::/10"));

  private final List<IpPrefix> allowed;
  private final List<IpAddress> own;
  private final boolean privateBannable;
  private final int widestV4;
  private final int widestV6;

  private AllowList(Builder b) {
    this.allowed = List.copyOf(b.allowed);
    this.own = List.copyOf(b.own);
    this.privateBannable = b.privateBannable;
    this.widestV4 = b.widestV4;
    this.widestV6 = b.widestV6;
  }

  /** A builder starting from nothing allowed but loopback and private ranges, widest bans /16 and /32. */
  public static Builder builder() {
    return new Builder();
  }

  /** Why {@code target} must not be banned, or empty when it may be. */
  public Optional<String> refusal(IpPrefix target) {
    int widest = target.network().isIPv4() ? widestV4 : widestV6;
    if (target.length() < widest) {
      return Optional.of("wider than the /" + widest + " safety limit");
    }
    for (IpPrefix p : LOOPBACK) {
      if (overlaps(p, target)) {
        return Optional.of("loopback " + p);
      }
    }
    for (IpAddress a : own) {
      if (PrefixRanges.holds(target, a)) {
        return Optional.of("this host's own address " + a);
      }
    }
    for (IpPrefix p : allowed) {
      if (overlaps(p, target)) {
        return Optional.of("allow-listed " + p);
      }
    }
    if (!privateBannable) {
      for (IpPrefix p : PRIVATE) {
        if (overlaps(p, target)) {
          return Optional.of("private range " + p + " (not made bannable)");
        }
      }
    }
    return Optional.empty();
  }

  /** The sources the firewall accepts before any drop: disjoint, sorted prefixes. */
  public List<IpPrefix> accepted() {
    List<IpPrefix> all = new ArrayList<>(LOOPBACK);
    all.addAll(allowed);
    for (IpAddress a : own) {
      all.add(IpPrefix.of(a, a.bitLength()));
    }
    if (!privateBannable) {
      all.addAll(PRIVATE);
    }
    return PrefixRanges.disjoint(all);
  }

  /** The addresses of this host's network interfaces, read from {@link NetworkInterface}. */
  public static List<IpAddress> hostAddresses() {
    List<IpAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress ia : Collections.list(nif.getInetAddresses())) {
          IpAddress a = IpAddress.parse(ia.getHostAddress());
          if (a != null) {
            out.add(a);
          }
        }
      }
    } catch (SocketException e) {
      throw new FirewallException("cannot list this host's addresses: " + e.getMessage(), e);
    }
    return out;
  }

  static boolean overlaps(IpPrefix a, IpPrefix b) {
    return PrefixRanges.overlaps(a, b);
  }

  @Override
  public String toString() {
    return "AllowList" + accepted() + (privateBannable ? " private bannable" : "");
  }

  /** Collects the allow list's parts; not thread-safe, used once. */
  public static final class Builder {
    private final List<IpPrefix> allowed = new ArrayList<>();
    private final List<IpAddress> own = new ArrayList<>();
    private boolean privateBannable;
    private int widestV4 = 16;
    private int widestV6 = 32;

    private Builder() {
    }

    /** Never ban anything inside {@code prefixes}. */
    public Builder allow(Collection<IpPrefix> prefixes) {
      allowed.addAll(prefixes);
      return this;
    }

    /** Never ban {@code prefix}. */
    public Builder allow(IpPrefix prefix) {
      allowed.add(prefix);
      return this;
    }

    /** Never ban these addresses of this host. */
    public Builder own(Collection<IpAddress> addresses) {
      own.addAll(addresses);
      return this;
    }

    /** Never ban any address of this host's interfaces ({@link #hostAddresses()}). */
    public Builder ownHostAddresses() {
      return own(hostAddresses());
    }

    /** Lets private ranges (RFC 1918, CGNAT, link-local, ULA) be banned, e.g. on a LAN-facing host. */
    public Builder privateBannable(boolean bannable) {
      this.privateBannable = bannable;
      return this;
    }

    /** Refuses bans wider than /{@code v4} or /{@code v6}. */
    public Builder widest(int v4, int v6) {
      if (v4 < 0 || v4 > 32 || v6 < 0 || v6 > 128) {
        throw new IllegalArgumentException("widest ban prefix out of range: /" + v4 + ", /" + v6);
      }
      this.widestV4 = v4;
      this.widestV6 = v6;
      return this;
    }

    public AllowList build() {
      return new AllowList(this);
    }
  }
}
