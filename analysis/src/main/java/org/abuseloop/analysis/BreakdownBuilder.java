package org.abuseloop.analysis;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;

/**
 * Counts events by target port, source and day, then builds the {@link Breakdown} with owners looked
 * up once per distinct source. Counting is exact, in primitive-valued hash maps (fastutil) so a million
 * distinct sources cost tens of megabytes; not thread-safe (one per analysis, or merge per thread).
 *
 * <p>Per event an IPv4 source costs one update of one primitive map keyed by port and address (no
 * object, no second map); the per-source and per-port counts are summed from it when the breakdown is
 * built. IPv6 sources, rarer, are counted in maps of addresses.
 */
public final class BreakdownBuilder {

  /** How many of a port's busiest sources are listed. */
  public static final int TOP_PER_PORT = 10;

  private final ZoneId zone;
  /** IPv4 sources: events per port key (upper 32 bits) and address (lower 32). */
  private final Long2LongOpenHashMap v4ByPortAndSource = new Long2LongOpenHashMap();
  /**
   * The last port-and-address pair and the events of it not yet added to the map: a flood repeats one
   * source on one port line after line, and a run then costs one comparison per event instead of a
   * map update. Added when the pair changes and before the breakdown is built.
   */
  private long runPair;
  private long runLength;
  private final Object2LongOpenHashMap<IpAddress> v6BySource = new Object2LongOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Object2LongOpenHashMap<IpAddress>> v6ByPort = new Int2ObjectOpenHashMap<>();
  /** Events per port key, in a hash map whose iteration order (ties of the port table) is kept as it was. */
  private final Map<Integer, long[]> portTotals = new HashMap<>();
  /** The same cells by port key without boxing, and the last one used (runs of one port are common). */
  private final Int2ObjectOpenHashMap<long[]> portCells = new Int2ObjectOpenHashMap<>();
  private int lastPortKey = -1;
  private long[] lastPortCell;
  /** For a zone of fixed offset: the epoch seconds [from, to) of the day being counted. */
  private final boolean fixedZone;
  private long dayFrom = Long.MAX_VALUE;
  private long dayTo = Long.MIN_VALUE;
  private final TreeMap<LocalDate, long[]> byDay = new TreeMap<>();
  private long lastEpochDay = Long.MIN_VALUE;
  private long[] lastDay;
  private long total;

  public BreakdownBuilder(ZoneId zone) {
    this.zone = zone;
    this.fixedZone = zone.getRules().isFixedOffset();
  }

  /** Counts one event: for firewall logs a denied connection, for service logs an attack line. */
  public void accept(Event e) {
    total++;
    int portKey = portKey(e);
    portCell(portKey)[0]++;
    countDay(e);
    IpAddress source = e.source();
    if (source == null) {
      return;
    }
    if (source.isIPv4()) {
      long pair = ((long) portKey << 32) | (source.ipv4Bits() & 0xFFFFFFFFL);
      if (pair != runPair || runLength == 0) {
        endRun();
        runPair = pair;
      }
      runLength++;
      return;
    }
    v6BySource.addTo(source, 1);
    Object2LongOpenHashMap<IpAddress> port = v6ByPort.get(portKey);
    if (port == null) {
      port = new Object2LongOpenHashMap<>();
      v6ByPort.put(portKey, port);
    }
    port.addTo(source, 1);
  }

  private void endRun() {
    if (runLength > 0) {
      v4ByPortAndSource.addTo(runPair, runLength);
      runLength = 0;
    }
  }

  private long[] portCell(int portKey) {
    if (portKey == lastPortKey) {
      return lastPortCell;
    }
    long[] cell = portCells.get(portKey);
    if (cell == null) {
      cell = new long[1];
      portCells.put(portKey, cell);
      portTotals.put(portKey, cell);
    }
    lastPortKey = portKey;
    lastPortCell = cell;
    return cell;
  }

  private void countDay(Event e) {
    long second = e.time().getEpochSecond();
    if (second >= dayFrom && second < dayTo) {
      lastDay[0]++;
      return;
    }
    long epochDay = Math.floorDiv(e.time().getEpochSecond() + zone.getRules().getOffset(e.time()).getTotalSeconds(), 86400);
    if (epochDay != lastEpochDay) {
      lastDay = byDay.computeIfAbsent(LocalDate.ofEpochDay(epochDay), d -> new long[1]);
      lastEpochDay = epochDay;
    }
    if (fixedZone) {
      long offset = zone.getRules().getOffset(e.time()).getTotalSeconds();
      dayFrom = epochDay * 86400 - offset;
      dayTo = dayFrom + 86400;
    }
    lastDay[0]++;
  }

  public long total() {
    return total;
  }

  /** The breakdown with the {@code topSources} busiest sources overall. */
  public Breakdown build(OwnerLookup owners, int topSources) {
    endRun();
    Object2LongOpenHashMap<IpAddress> bySource = new Object2LongOpenHashMap<>(v6BySource);
    Int2ObjectOpenHashMap<Object2LongOpenHashMap<IpAddress>> byPort = new Int2ObjectOpenHashMap<>();
    v6ByPort.forEach((k, m) -> byPort.put((int) k, new Object2LongOpenHashMap<>(m)));
    Long2ObjectOpenHashMap<IpAddress> addresses = new Long2ObjectOpenHashMap<>();
    for (Long2LongMap.Entry en : v4ByPortAndSource.long2LongEntrySet()) {
      long pair = en.getLongKey();
      IpAddress source = addresses.computeIfAbsent(pair & 0xFFFFFFFFL, bits -> IpAddress.ofIPv4((int) bits));
      bySource.addTo(source, en.getLongValue());
      byPort.computeIfAbsent((int) (pair >>> 32), k -> new Object2LongOpenHashMap<>()).addTo(source, en.getLongValue());
    }
    List<Breakdown.PortShare> ports = new ArrayList<>();
    portTotals.forEach((key, count) -> ports.add(port(key, count[0], byPort, owners)));
    ports.sort(BUSIEST_PORT);
    List<Breakdown.DayCount> daily = new ArrayList<>();
    byDay.forEach((d, n) -> daily.add(new Breakdown.DayCount(d, n[0])));
    return new Breakdown(total, ports, top(bySource, topSources, total, owners), providers(bySource, owners), daily);
  }

  private Breakdown.PortShare port(int key, long count, Int2ObjectOpenHashMap<Object2LongOpenHashMap<IpAddress>> byPort,
      OwnerLookup owners) {
    Object2LongOpenHashMap<IpAddress> sources = byPort.get(key);
    if (sources == null) {
      sources = NO_SOURCES;
    }
    List<Breakdown.SourceShare> top = top(sources, TOP_PER_PORT, count, owners);
    long topCount = 0;
    for (Breakdown.SourceShare s : top) {
      topCount += s.count();
    }
    Map<String, long[]> perProvider = new HashMap<>();
    for (Object2LongMap.Entry<IpAddress> en : sources.object2LongEntrySet()) {
      perProvider.computeIfAbsent(owners.ownerOf(en.getKey()).provider(), p -> new long[1])[0] += en.getLongValue();
    }
    List<Breakdown.ProviderShare> providers = new ArrayList<>();
    perProvider.forEach((p, n) -> providers.add(new Breakdown.ProviderShare(p, n[0], share(n[0], count))));
    providers.sort(BUSIEST_PROVIDER_SHARE);
    if ((key & SERVICE_KEY) != 0) {
      String service = Service.values()[key & 0xFFFF].id();
      return new Breakdown.PortShare(null, null, service, count, share(count, total), sources.size(), share(topCount, count), top, providers);
    }
    Protocol protocol = Protocol.values()[key >>> 16];
    int port = key & 0xFFFF;
    return new Breakdown.PortShare(protocol == Protocol.UNKNOWN ? null : protocol.id(), port == 0 ? null : port, null,
        count, share(count, total), sources.size(), share(topCount, count), top, providers);
  }

  private List<Breakdown.ProviderTotal> providers(Object2LongOpenHashMap<IpAddress> bySource, OwnerLookup owners) {
    Map<String, long[]> perProvider = new HashMap<>();
    for (Object2LongMap.Entry<IpAddress> en : bySource.object2LongEntrySet()) {
      long[] c = perProvider.computeIfAbsent(owners.ownerOf(en.getKey()).provider(), p -> new long[2]);
      c[0] += en.getLongValue();
      c[1]++;
    }
    List<Breakdown.ProviderTotal> out = new ArrayList<>();
    perProvider.forEach((p, c) -> out.add(new Breakdown.ProviderTotal(p, c[0], share(c[0], total), c[1])));
    out.sort(BUSIEST_PROVIDER);
    return out;
  }

  /** The {@code n} sources with the most events (ties by address), with shares of {@code of}. */
  private static List<Breakdown.SourceShare> top(Object2LongOpenHashMap<IpAddress> counts, int n, long of, OwnerLookup owners) {
    Comparator<Object2LongMap.Entry<IpAddress>> busiest = LEAST_BUSY_SOURCE;
    PriorityQueue<Object2LongMap.Entry<IpAddress>> heap = new PriorityQueue<>(busiest);
    for (Object2LongMap.Entry<IpAddress> en : counts.object2LongEntrySet()) {
      if (heap.size() < n) {
        heap.add(new Object2LongOpenHashMap.BasicEntry<>(en.getKey(), en.getLongValue()));
      } else if (busiest.compare(en, heap.peek()) > 0) {
        heap.poll();
        heap.add(new Object2LongOpenHashMap.BasicEntry<>(en.getKey(), en.getLongValue()));
      }
    }
    List<Object2LongMap.Entry<IpAddress>> sorted = new ArrayList<>(heap);
    sorted.sort(BUSIEST_SOURCE);
    List<Breakdown.SourceShare> out = new ArrayList<>(sorted.size());
    for (Object2LongMap.Entry<IpAddress> en : sorted) {
      SourceOwner owner = owners.ownerOf(en.getKey());
      out.add(new Breakdown.SourceShare(en.getKey().toString(), en.getLongValue(), share(en.getLongValue(), of), owner.provider(), owner.region()));
    }
    return out;
  }

  /**
   * Events with a target port are grouped by protocol and port, ICMP by its protocol alone; those whose
   * line names no port (sshd, most service logs) by their service instead, which is what such a port
   * would have been.
   */
  private static int portKey(Event e) {
    if (e.targetPort() == 0 && (e.protocol() == Protocol.ICMP || e.protocol() == Protocol.ICMPV6)) {
      return e.protocol().ordinal() << 16;
    }
    if (e.targetPort() == 0) {
      return SERVICE_KEY | e.service().ordinal();
    }
    return (e.protocol().ordinal() << 16) | (e.targetPort() & 0xFFFF);
  }

  private static final int SERVICE_KEY = 1 << 30;

  /** The sources of a port that has none (an empty map, never written). */
  private static final Object2LongOpenHashMap<IpAddress> NO_SOURCES = new Object2LongOpenHashMap<>();

  // The orders of the tables, written out rather than composed from Comparator's factories: composed
  // comparators box and dispatch through several lambdas per comparison (a firewall month has tens of
  // thousands of ports to sort) and each lambda is spun at start-up.

  /** Ports: most events first, then by port number (none counting as -1). */
  private static final Comparator<Breakdown.PortShare> BUSIEST_PORT = new Comparator<>() {
    @Override
    public int compare(Breakdown.PortShare a, Breakdown.PortShare b) {
      int c = Long.compare(b.count(), a.count());
      return c != 0 ? c : Integer.compare(a.port() == null ? -1 : a.port(), b.port() == null ? -1 : b.port());
    }
  };

  /** Sources in a heap: fewest events first, then the highest address. */
  private static final Comparator<Object2LongMap.Entry<IpAddress>> LEAST_BUSY_SOURCE = new Comparator<>() {
    @Override
    public int compare(Object2LongMap.Entry<IpAddress> a, Object2LongMap.Entry<IpAddress> b) {
      int c = Long.compare(a.getLongValue(), b.getLongValue());
      return c != 0 ? c : b.getKey().compareTo(a.getKey());
    }
  };

  /** Sources listed: most events first, then the lowest address (the reverse of {@link #LEAST_BUSY_SOURCE}). */
  private static final Comparator<Object2LongMap.Entry<IpAddress>> BUSIEST_SOURCE = new Comparator<>() {
    @Override
    public int compare(Object2LongMap.Entry<IpAddress> a, Object2LongMap.Entry<IpAddress> b) {
      return LEAST_BUSY_SOURCE.compare(b, a);
    }
  };

  /** A port's providers: most events first, then by name, unknown last. */
  private static final Comparator<Breakdown.ProviderShare> BUSIEST_PROVIDER_SHARE = new Comparator<>() {
    @Override
    public int compare(Breakdown.ProviderShare a, Breakdown.ProviderShare b) {
      int c = Long.compare(b.count(), a.count());
      return c != 0 ? c : byName(a.provider(), b.provider());
    }
  };

  /** All providers: most events first, then by name, unknown last. */
  private static final Comparator<Breakdown.ProviderTotal> BUSIEST_PROVIDER = new Comparator<>() {
    @Override
    public int compare(Breakdown.ProviderTotal a, Breakdown.ProviderTotal b) {
      int c = Long.compare(b.count(), a.count());
      return c != 0 ? c : byName(a.provider(), b.provider());
    }
  };

  private static int byName(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
