package org.abuseloop.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.intel.Provider;
import org.abuseloop.intel.ProviderRange;
import org.abuseloop.intel.RangeDirectory;
import org.abuseloop.intel.RangeFile;
import org.abuseloop.intel.RangeTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link RangeTable#lookup}: longest-prefix matches per second over the ranges in
 * {@code -Dabuseloop.ranges=DIR} (e.g. the corpus snapshot) or, without it, a seeded synthetic set
 * of nested prefixes of about the same size. Addresses: half inside published ranges, half random.
 * Each benchmark instance is used by one JMH thread at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RangeLookupBenchmark {

  private static final int ADDRESSES = 1 << 16;

  @Param({"v4", "v6"})
  public String family;

  private RangeTable table;
  private IpAddress[] addresses;

  @Setup
  public void setUp() throws IOException {
    List<ProviderRange> ranges = ranges();
    table = RangeTable.of(ranges);
    boolean v4 = family.equals("v4");
    List<ProviderRange> same = ranges.stream().filter(r -> r.prefix().network().isIPv4() == v4).toList();
    Random rnd = new Random(7);
    addresses = new IpAddress[ADDRESSES];
    for (int i = 0; i < ADDRESSES; i++) {
      addresses[i] = i % 2 == 0 ? inside(same.get(rnd.nextInt(same.size())).prefix(), rnd) : random(v4, rnd);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ADDRESSES)
  public int lookup() {
    int found = 0;
    for (IpAddress a : addresses) {
      if (table.lookup(a) != null) {
        found++;
      }
    }
    return found;
  }

  private static List<ProviderRange> ranges() throws IOException {
    String dir = System.getProperty("abuseloop.ranges");
    if (dir != null) {
      List<ProviderRange> all = new ArrayList<>();
      for (RangeFile f : RangeDirectory.read(Path.of(dir))) {
        all.addAll(f.ranges());
      }
      return all;
    }
    return synthetic();
  }

  /** About 60,000 IPv4 and 25,000 IPv6 prefixes, many nested, like the providers' feeds together. */
  private static List<ProviderRange> synthetic() {
    Random rnd = new Random(2025);
    Provider[] providers = Provider.values();
    List<ProviderRange> out = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      IpPrefix p = IpPrefix.of(IpAddress.ofIPv4(rnd.nextInt()), 12 + rnd.nextInt(21));
      out.add(new ProviderRange(providers[rnd.nextInt(providers.length)], p, "region-" + rnd.nextInt(60), null, null));
    }
    for (int i = 0; i < 25_000; i++) {
      long high = 0x2600000000000000L | (rnd.nextLong() >>> 12);
      IpPrefix p = IpPrefix.of(IpAddress.ofIPv6(high, rnd.nextLong()), 28 + rnd.nextInt(100));
      out.add(new ProviderRange(providers[rnd.nextInt(providers.length)], p, "region-" + rnd.nextInt(60), null, null));
    }
    return out;
  }

  private static IpAddress inside(IpPrefix p, Random rnd) {
    IpAddress n = p.network();
    int host = n.bitLength() - p.length();
    if (n.isIPv4()) {
      return IpAddress.ofIPv4(n.ipv4Bits() | (host == 0 ? 0 : rnd.nextInt() >>> (32 - host)));
    }
    long low = host == 0 ? 0 : host >= 64 ? rnd.nextLong() : rnd.nextLong() >>> (64 - host);
    long high = host <= 64 ? 0 : rnd.nextLong() >>> (128 - host);
    return IpAddress.ofIPv6(n.high() | high, n.low() | low);
  }

  private static IpAddress random(boolean v4, Random rnd) {
    return v4 ? IpAddress.ofIPv4(rnd.nextInt()) : IpAddress.ofIPv6(0x2000000000000000L | (rnd.nextLong() >>> 4), rnd.nextLong());
  }
}
