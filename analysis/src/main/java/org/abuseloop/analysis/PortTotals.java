package org.abuseloop.analysis;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;

/**
 * Events per port key of {@link BreakdownBuilder} (protocol and port, or service), counted in arrays
 * indexed by the key itself, with the keys in the order they were first seen. Not thread-safe.
 *
 * <p>A firewall log changes port at nearly every line; a cell found by indexing costs one read where a
 * hash map of cells cost a probe, its key and the cell. One array of 65,536 counts per protocol that
 * occurs (512 KiB), so memory does not grow with the log.
 */
final class PortTotals {

  private final long[][] byProtocol = new long[Protocol.values().length][];
  private final long[] byService = new long[Service.values().length];
  private final IntArrayList firstSeen = new IntArrayList();

  /** Counts one event of {@code portKey}. */
  void add(int portKey) {
    long[] cells;
    int index;
    if ((portKey & BreakdownBuilder.SERVICE_KEY) != 0) {
      cells = byService;
      index = portKey & 0xFFFF;
    } else {
      int protocol = portKey >>> 16;
      cells = byProtocol[protocol];
      if (cells == null) {
        cells = new long[1 << 16];
        byProtocol[protocol] = cells;
      }
      index = portKey & 0xFFFF;
    }
    if (cells[index]++ == 0) {
      firstSeen.add(portKey);
    }
  }

  /** The events counted for {@code portKey}. */
  long count(int portKey) {
    if ((portKey & BreakdownBuilder.SERVICE_KEY) != 0) {
      return byService[portKey & 0xFFFF];
    }
    long[] cells = byProtocol[portKey >>> 16];
    return cells == null ? 0 : cells[portKey & 0xFFFF];
  }

  /** The keys counted, in the order of their first event. */
  IntList firstSeen() {
    return firstSeen;
  }
}
