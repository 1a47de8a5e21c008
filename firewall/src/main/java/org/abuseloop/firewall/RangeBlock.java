package org.abuseloop.firewall;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.abuseloop.core.IpPrefix;

/**
 * A named block of ranges (e.g. a provider's published prefixes): traffic from them is dropped, only
 * to one port when {@code port} is given, only beyond a per-source rate when {@code rate} is given.
 * Immutable and thread-safe; rebuilding the block with the same name replaces its content atomically.
 */
public record RangeBlock(String name, List<IpPrefix> prefixes, Optional<Port> port, Optional<Rate> rate) {

  /** Short enough that {@code <table>-r4-<name>} fits ipset's 31 characters. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,14}");

  public RangeBlock {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("range block name must match " + NAME + ", got '" + name + "'");
    }
    prefixes = List.copyOf(prefixes);
    port = port == null ? Optional.empty() : port;
    rate = rate == null ? Optional.empty() : rate;
  }

  /** Drops all traffic from {@code prefixes}. */
  public static RangeBlock of(String name, List<IpPrefix> prefixes) {
    return new RangeBlock(name, prefixes, Optional.empty(), Optional.empty());
  }

  static void checkName(String name) {
    of(name, List.of());
  }
}
