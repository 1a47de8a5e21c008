package org.abuseloop.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.junit.jupiter.api.Test;

/**
 * The breakdown equals a plain reference computed from maps of addresses, the way it was built before
 * it was made to count in primitive arrays: same ports in the same order (ties of equal count and number
 * included), same top sources, shares, providers and distinct counts, over random streams mixing IPv4
 * and IPv6 sources, several protocols on the same port numbers, lines without a port and without a source.
 */
class BreakdownReferenceTest {

  private static final Family DENY = new Family("firewall.deny", Service.FIREWALL, EventKind.CONNECTION_DENIED);
  private static final Family SSHD = new Family("sshd.invalid-user", Service.SSHD, EventKind.UNKNOWN_USER);
  private static final Protocol[] PROTOCOLS = {Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.UNKNOWN};
  /** Addresses in 198.51.100.0/25 belong to "aws", in 198.51.100.128/25 to "gcp", IPv6 2001:db8:1::/48 to "azure". */
  private static final OwnerLookup OWNERS = a -> {
    if (a.isIPv4() && (a.ipv4Bits() >>> 8) == (198 << 16 | 51 << 8 | 100)) {
      return (a.ipv4Bits() & 0x80) == 0 ? new SourceOwner("aws", "eu-west-1") : new SourceOwner("gcp", null);
    }
    if (!a.isIPv4() && a.toString().startsWith("2001:db8:1:")) {
      return new SourceOwner("azure", "westeurope");
    }
    return SourceOwner.UNKNOWN;
  };

  @Test
  void randomStreamsGiveTheReferenceBreakdown() {
    for (int seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      List<Event> events = events(random, 200 + random.nextInt(4000));
      BreakdownBuilder builder = new BreakdownBuilder(ZoneOffset.UTC);
      events.forEach(builder::accept);
      int top = 1 + random.nextInt(25);
      assertThat(builder.build(OWNERS, top)).as("seed %d", seed).isEqualTo(reference(events, top));
    }
  }

  private static List<Event> events(Random random, int count) {
    List<Event> out = new ArrayList<>();
    int sources = 1 + random.nextInt(300);
    int ports = 1 + random.nextInt(40);
    Instant t = Instant.parse("2024-03-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      t = t.plusSeconds(random.nextInt(200));
      int s = random.nextInt(sources);
      IpAddress source = switch (random.nextInt(12)) {
        case 0 -> null;
        case 1 -> IpAddress.of("2001:db8:" + (1 + s % 2) + "::" + Integer.toHexString(s));
        default -> IpAddress.ofIPv4((s % 3 == 0 ? 198 << 24 | 51 << 16 | 100 << 8 : 203 << 24 | 113 << 8) | (s & 0xFF) | (s >> 8) << 16);
      };
      boolean service = random.nextInt(15) == 0;
      int port = service ? 0 : random.nextInt(ports) * 1000 % 65536;
      Protocol protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
      int repeat = random.nextInt(5) == 0 ? 1 + random.nextInt(20) : 1; // runs of one source on one port
      for (int r = 0; r < repeat; r++) {
        out.add(new Event(t, ZoneOffset.UTC, source, source == null ? "scanner.example.net" : null, 40000,
            IpAddress.of("192.0.2.1"), port, protocol, service ? SSHD : DENY, null, new Origin("log", i, 0)));
      }
    }
    return out;
  }

  // The reference: the breakdown as it was built from maps of addresses (session 4).

  private static Breakdown reference(List<Event> events, int topSources) {
    Map<Integer, long[]> portTotals = new HashMap<>();
    Map<Integer, Map<IpAddress, Long>> byPort = new HashMap<>();
    Map<IpAddress, Long> bySource = new HashMap<>();
    Map<java.time.LocalDate, Long> byDay = new java.util.TreeMap<>();
    for (Event e : events) {
      int key = portKey(e);
      portTotals.computeIfAbsent(key, k -> new long[1])[0]++;
      byDay.merge(e.time().atOffset(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
      if (e.source() != null) {
        bySource.merge(e.source(), 1L, Long::sum);
        byPort.computeIfAbsent(key, k -> new HashMap<>()).merge(e.source(), 1L, Long::sum);
      }
    }
    long total = events.size();
    List<Breakdown.PortShare> ports = new ArrayList<>();
    portTotals.forEach((key, c) -> ports.add(port(key, c[0], byPort.getOrDefault(key, Map.of()), total)));
    ports.sort(Comparator.comparingLong(Breakdown.PortShare::count).reversed()
        .thenComparingInt(p -> p.port() == null ? -1 : p.port()));
    Map<String, long[]> perProvider = new LinkedHashMap<>();
    bySource.forEach((a, n) -> {
      long[] c = perProvider.computeIfAbsent(OWNERS.ownerOf(a).provider(), p -> new long[2]);
      c[0] += n;
      c[1]++;
    });
    List<Breakdown.ProviderTotal> providers = new ArrayList<>();
    perProvider.forEach((p, c) -> providers.add(new Breakdown.ProviderTotal(p, c[0], share(c[0], total), c[1])));
    providers.sort(Comparator.comparingLong(Breakdown.ProviderTotal::count).reversed()
        .thenComparing(Breakdown.ProviderTotal::provider, Comparator.nullsLast(Comparator.naturalOrder())));
    List<Breakdown.DayCount> daily = new ArrayList<>();
    byDay.forEach((d, n) -> daily.add(new Breakdown.DayCount(d, n)));
    return new Breakdown(total, ports, top(bySource, topSources, total), providers, daily);
  }

  private static Breakdown.PortShare port(int key, long count, Map<IpAddress, Long> sources, long total) {
    List<Breakdown.SourceShare> top = top(sources, BreakdownBuilder.TOP_PER_PORT, count);
    long topCount = top.stream().mapToLong(Breakdown.SourceShare::count).sum();
    Map<String, Long> perProvider = new HashMap<>();
    sources.forEach((a, n) -> perProvider.merge(OWNERS.ownerOf(a).provider(), n, Long::sum));
    List<Breakdown.ProviderShare> providers = new ArrayList<>();
    perProvider.forEach((p, n) -> providers.add(new Breakdown.ProviderShare(p, n, share(n, count))));
    providers.sort(Comparator.comparingLong(Breakdown.ProviderShare::count).reversed()
        .thenComparing(Breakdown.ProviderShare::provider, Comparator.nullsLast(Comparator.naturalOrder())));
    if ((key & (1 << 30)) != 0) {
      return new Breakdown.PortShare(null, null, Service.values()[key & 0xFFFF].id(), count, share(count, total), sources.size(),
          share(topCount, count), top, providers);
    }
    Protocol protocol = Protocol.values()[key >>> 16];
    int port = key & 0xFFFF;
    return new Breakdown.PortShare(protocol == Protocol.UNKNOWN ? null : protocol.id(), port == 0 ? null : port, null, count,
        share(count, total), sources.size(), share(topCount, count), top, providers);
  }

  private static List<Breakdown.SourceShare> top(Map<IpAddress, Long> counts, int n, long of) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<IpAddress, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(en -> {
          SourceOwner o = OWNERS.ownerOf(en.getKey());
          return new Breakdown.SourceShare(en.getKey().toString(), en.getValue(), share(en.getValue(), of), o.provider(), o.region());
        })
        .toList();
  }

  private static int portKey(Event e) {
    if (e.targetPort() == 0 && (e.protocol() == Protocol.ICMP || e.protocol() == Protocol.ICMPV6)) {
      return e.protocol().ordinal() << 16;
    }
    if (e.targetPort() == 0) {
      return (1 << 30) | e.service().ordinal();
    }
    return (e.protocol().ordinal() << 16) | (e.targetPort() & 0xFFFF);
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
