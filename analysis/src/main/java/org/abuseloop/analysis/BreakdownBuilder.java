package org.abuseloop.analysis;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntList;
import it.unimi.dsi.fastutil.longs.LongArrays;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2LongMap;
import it.unimi.dsi.fastutil.objects.Object2LongOpenHashMap;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;

/**
 * Counts events by target port, source and day, then builds the {@link Breakdown} with owners looked
 * up once per distinct source. Counting is exact, in primitive arrays and maps (fastutil) so a million
 * distinct sources cost tens of megabytes; not thread-safe (one per analysis, or merge per thread).
 *
 * <p>Per event an IPv4 source costs one append of its port-and-address pair to a buffer that is sorted
 * and merged in batches ({@link PairCounts}: no object, no hash probe) and one bit test for the port
 * ({@link PortTotals}, whose total is the sum of its pairs). The pairs come out sorted by port then address, so each port's sources
 * are one run of two primitive arrays: its distinct sources are the run's length, its ten busiest are
 * chosen from it ({@link TopSources}), and its providers summed by provider number; the sources are
 * numbered once ({@link Ipv4Sources}) with their totals and owners. No object per pair or per port is
 * made. IPv6 sources, rarer, are counted in maps of addresses.
 */
public final class BreakdownBuilder {

  /** How many of a port's busiest sources are listed. */
  public static final int TOP_PER_PORT = 10;

  private final ZoneId zone;
  /** IPv4 sources: events per port key (upper 32 bits) and address (lower 32). */
  private final PairCounts v4ByPortAndSource = new PairCounts();
  /**
   * The last port-and-address pair and the events of it not yet added to the map: a flood repeats one
   * source on one port line after line, and a run then costs one comparison per event instead of a
   * map update. Added when the pair changes and before the breakdown is built.
   */
  private long runPair;
  private long runLength;
  private final Object2LongOpenHashMap<IpAddress> v6BySource = new Object2LongOpenHashMap<>();
  private final Int2ObjectOpenHashMap<Object2LongOpenHashMap<IpAddress>> v6ByPort = new Int2ObjectOpenHashMap<>();
  private final PortTotals portTotals = new PortTotals();
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
    countDay(e);
    IpAddress source = e.source();
    portTotals.add(portKey, source != null);
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
      v4ByPortAndSource.add(runPair, runLength);
      runLength = 0;
    }
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
    int n = v4ByPortAndSource.size();
    long[] pairs = v4ByPortAndSource.keys(); // distinct, by port key then address
    long[] counts = v4ByPortAndSource.counts();
    int[] numbers = new int[n];
    Providers providers = new Providers();
    Ipv4Sources v4 = Ipv4Sources.of(pairs, counts, n, numbers, owners, providers);
    Object2IntOpenHashMap<IpAddress> v6Providers = new Object2IntOpenHashMap<>();
    for (IpAddress a : v6BySource.keySet()) {
      v6Providers.put(a, providers.number(owners.ownerOf(a).provider()));
    }
    PortTable table = new PortTable(pairs, n, counts, numbers, v4, v6Providers, providers, owners);
    List<Breakdown.PortShare> ports = new ArrayList<>();
    for (int key : portsInMapOrder()) {
      ports.add(table.port(key));
    }
    ports.sort(BUSIEST_PORT);
    List<Breakdown.DayCount> daily = new ArrayList<>();
    byDay.forEach((d, c) -> daily.add(new Breakdown.DayCount(d, c[0])));
    return new Breakdown(total, ports, topOverall(v4, topSources, owners), providerTotals(v4, v6Providers, providers), daily);
  }

  /**
   * The port keys in the iteration order of a {@code HashMap} filled as they were first seen: the port
   * table was built from one, and its stable sort keeps that order between ports of equal count and
   * number (TCP and UDP of one port, services), so it is kept to print the same table.
   */
  private Iterable<Integer> portsInMapOrder() {
    Map<Integer, Boolean> order = new HashMap<>();
    IntList seen = portTotals.firstSeen();
    for (int i = 0, n = seen.size(); i < n; i++) {
      order.put(seen.getInt(i), Boolean.TRUE);
    }
    return order.keySet();
  }

  /** The sources of each port, read from the sorted pairs. */
  private final class PortTable {
    private final long[] pairs;
    private final int pairCount;
    private final long[] counts;
    private final int[] numbers;
    private final Ipv4Sources v4;
    private final Object2IntOpenHashMap<IpAddress> v6Providers;
    private final Providers providers;
    private final OwnerLookup owners;
    private final TopSources top = new TopSources(TOP_PER_PORT);
    private final long[] perProvider;

    PortTable(long[] pairs, int pairCount, long[] counts, int[] numbers, Ipv4Sources v4, Object2IntOpenHashMap<IpAddress> v6Providers,
        Providers providers, OwnerLookup owners) {
      this.pairs = pairs;
      this.pairCount = pairCount;
      this.counts = counts;
      this.numbers = numbers;
      this.v4 = v4;
      this.v6Providers = v6Providers;
      this.providers = providers;
      this.owners = owners;
      this.perProvider = new long[providers.size()];
    }

    Breakdown.PortShare port(int key) {
      top.clear();
      int from = firstPairOf(key);
      int to = from;
      long sourced = 0;
      for (; to < pairCount && (int) (pairs[to] >>> 32) == key; to++) {
        int source = numbers[to];
        top.offerV4(counts[to], v4.bits(source), source);
        perProvider[v4.provider(source)] += counts[to];
        sourced += counts[to];
      }
      long sources = to - from;
      Object2LongOpenHashMap<IpAddress> v6 = v6ByPort.get(key);
      if (v6 != null) {
        sources += v6.size();
        for (Object2LongMap.Entry<IpAddress> en : v6.object2LongEntrySet()) {
          top.offerV6(en.getLongValue(), en.getKey());
          perProvider[v6Providers.getInt(en.getKey())] += en.getLongValue();
          sourced += en.getLongValue();
        }
      }
      long count = portTotals.count(key, sourced);
      List<Breakdown.SourceShare> listed = listed(top, count, v4, owners);
      long topCount = 0;
      for (Breakdown.SourceShare s : listed) {
        topCount += s.count();
      }
      List<Breakdown.ProviderShare> shares = new ArrayList<>();
      for (int p = 0; p < perProvider.length; p++) {
        if (perProvider[p] != 0) {
          shares.add(new Breakdown.ProviderShare(providers.name(p), perProvider[p], share(perProvider[p], count)));
          perProvider[p] = 0;
        }
      }
      shares.sort(BUSIEST_PROVIDER_SHARE);
      if ((key & SERVICE_KEY) != 0) {
        String service = Service.ofOrdinal(key & 0xFFFF).id();
        return new Breakdown.PortShare(null, null, service, count, share(count, total), sources, share(topCount, count), listed, shares);
      }
      int port = key & 0xFFFF;
      Protocol protocol = Protocol.ofOrdinal(key >>> 16);
      return new Breakdown.PortShare(protocol == Protocol.UNKNOWN ? null : protocol.id(), port == 0 ? null : port, null,
          count, share(count, total), sources, share(topCount, count), listed, shares);
    }

    /** The index of the first pair of port {@code key} (or where it would be). */
    private int firstPairOf(int key) {
      int i = LongArrays.binarySearch(pairs, 0, pairCount, (long) key << 32);
      return i >= 0 ? i : -i - 1;
    }
  }

  /** The {@code n} busiest sources over all ports. */
  private List<Breakdown.SourceShare> topOverall(Ipv4Sources v4, int n, OwnerLookup owners) {
    TopSources top = new TopSources(n);
    for (int s = 0; s < v4.size(); s++) {
      top.offerV4(v4.total(s), v4.bits(s), s);
    }
    for (Object2LongMap.Entry<IpAddress> en : v6BySource.object2LongEntrySet()) {
      top.offerV6(en.getLongValue(), en.getKey());
    }
    return listed(top, total, v4, owners);
  }

  /** The chosen sources with their shares of {@code of} and their owners. */
  private static List<Breakdown.SourceShare> listed(TopSources top, long of, Ipv4Sources v4, OwnerLookup owners) {
    List<Breakdown.SourceShare> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      IpAddress v6 = top.v6(i);
      SourceOwner owner = v6 == null ? v4.owner(top.v4Ref(i)) : owners.ownerOf(v6);
      String address = v6 == null ? v4.text(top.v4Ref(i)) : v6.toString();
      out.add(new Breakdown.SourceShare(address, top.count(i), share(top.count(i), of), owner.provider(), owner.region()));
    }
    return out;
  }

  private List<Breakdown.ProviderTotal> providerTotals(Ipv4Sources v4, Object2IntOpenHashMap<IpAddress> v6Providers,
      Providers providers) {
    long[] counts = new long[providers.size()];
    long[] sources = new long[providers.size()];
    for (int s = 0; s < v4.size(); s++) {
      counts[v4.provider(s)] += v4.total(s);
      sources[v4.provider(s)]++;
    }
    for (Object2LongMap.Entry<IpAddress> en : v6BySource.object2LongEntrySet()) {
      int p = v6Providers.getInt(en.getKey());
      counts[p] += en.getLongValue();
      sources[p]++;
    }
    List<Breakdown.ProviderTotal> out = new ArrayList<>();
    for (int p = 0; p < counts.length; p++) {
      if (sources[p] != 0) {
        out.add(new Breakdown.ProviderTotal(providers.name(p), counts[p], share(counts[p], total), sources[p]));
      }
    }
    out.sort(BUSIEST_PROVIDER);
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

  /** Marks a port key that is a service's ordinal, for events whose line names no port. */
  static final int SERVICE_KEY = 1 << 30;

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
