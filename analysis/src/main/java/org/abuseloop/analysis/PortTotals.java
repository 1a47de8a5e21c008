package org.abuseloop.analysis;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;

/**
 * Which port keys of {@link BreakdownBuilder} (protocol and port, or service) occurred, in the order
 * they were first seen, and the events of each that the pair counts do not hold. Not thread-safe.
 *
 * <p>A firewall log changes port at nearly every line. A port's events with a source are counted with
 * their source anyway ({@link PairCounts} and the IPv6 maps), so its total is their sum plus the events
 * without a source, counted here; per event a protocol's port costs one bit test in a set of 65,536 bits
 * (8 KiB, which stays in the cache) instead of an increment in an array of 65,536 counts (512 KiB,
 * which did not). Services, few, are counted outright.
 */
final class PortTotals {

  private final long[][] seenByProtocol = new long[Protocol.values().length][];
  private final long[][] unsourcedByProtocol = new long[Protocol.values().length][];
  private final long[] byService = new long[Service.values().length];
  private final IntArrayList firstSeen = new IntArrayList();

  /** Notes one event of {@code portKey}; {@code sourced} when its source is counted with it elsewhere. */
  void add(int portKey, boolean sourced) {
    if ((portKey & BreakdownBuilder.SERVICE_KEY) != 0) {
      if (byService[portKey & 0xFFFF]++ == 0) {
        firstSeen.add(portKey);
      }
      return;
    }
    int protocol = portKey >>> 16;
    long[] seen = seenByProtocol[protocol];
    if (seen == null) {
      seen = new long[(1 << 16) / 64];
      seenByProtocol[protocol] = seen;
    }
    int port = portKey & 0xFFFF;
    long bit = 1L << port;
    if ((seen[port >>> 6] & bit) == 0) {
      seen[port >>> 6] |= bit;
      firstSeen.add(portKey);
    }
    if (!sourced) {
      unsourced(protocol)[port]++;
    }
  }

  private long[] unsourced(int protocol) {
    long[] cells = unsourcedByProtocol[protocol];
    if (cells == null) {
      cells = new long[1 << 16];
      unsourcedByProtocol[protocol] = cells;
    }
    return cells;
  }

  /** The events of {@code portKey}, given those of its sources counted elsewhere ({@code sourced}). */
  long count(int portKey, long sourced) {
    if ((portKey & BreakdownBuilder.SERVICE_KEY) != 0) {
      return byService[portKey & 0xFFFF];
    }
    long[] cells = unsourcedByProtocol[portKey >>> 16];
    return sourced + (cells == null ? 0 : cells[portKey & 0xFFFF]);
  }

  /** The keys counted, in the order of their first event. */
  IntList firstSeen() {
    return firstSeen;
  }
}
