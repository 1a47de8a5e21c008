package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the providers' real published ranges (shared corpus, 2025-07-25 and 2021-12-19) and checks
 * counts and answers against the tests' own independent reading of the same files.
 */
class SnapshotConformanceTest {

  private static final Map<String, String> FILES = Map.of(
      "aws", "aws-ip-ranges.json",
      "azure", "microsoft-azure-ip-ranges.json",
      "gcp", "google-cloud-ip-ranges.json",
      "oracle", "oracle-cloud-ip-ranges.json",
      "digitalocean", "digitalocean.csv",
      "linode", "linode.txt");

  private static Path dir;
  private static Map<String, List<Published>> published;
  private static List<RangeFile> files;
  private static RangeTable table;

  @BeforeAll
  static void load() throws IOException {
    dir = CorpusRanges.snapshot("2025-07-25");
    published = new LinkedHashMap<>();
    published.put("aws", Published.aws(dir.resolve(FILES.get("aws"))));
    published.put("azure", Published.azure(dir.resolve(FILES.get("azure"))));
    published.put("gcp", Published.gcp(dir.resolve(FILES.get("gcp"))));
    published.put("oracle", Published.oracle(dir.resolve(FILES.get("oracle"))));
    published.put("digitalocean", Published.geofeed("digitalocean", dir.resolve(FILES.get("digitalocean"))));
    published.put("linode", Published.geofeed("linode", dir.resolve(FILES.get("linode"))));
    files = RangeDirectory.read(dir);
    table = RangeTable.ofFiles(files);
  }

  @Test
  void everyFileOfTheFolderIsRecognisedByContent() {
    Map<String, RangeFormat> formats = files.stream()
        .collect(Collectors.toMap(f -> f.path().getFileName().toString(), RangeFile::format));
    assertThat(formats).containsOnly(
        Map.entry(FILES.get("aws"), RangeFormat.AWS_JSON),
        Map.entry(FILES.get("azure"), RangeFormat.AZURE_SERVICE_TAGS),
        Map.entry(FILES.get("gcp"), RangeFormat.GCP_CLOUD_JSON),
        Map.entry(FILES.get("oracle"), RangeFormat.ORACLE_JSON),
        Map.entry(FILES.get("digitalocean"), RangeFormat.GEOFEED),
        Map.entry(FILES.get("linode"), RangeFormat.GEOFEED));
  }

  @Test
  void everyProviderLoadsAsManyEntriesAndDistinctPrefixesAsItsFileHolds() {
    for (RangeFile f : files) {
      List<Published> expected = published.get(f.provider().id());
      assertThat(f.ranges()).as(f.provider().id() + " entries").hasSize(expected.size());
      long v6 = expected.stream().filter(p -> !p.v4()).count();
      assertThat(f.ranges().stream().filter(r -> !r.prefix().network().isIPv4()).count()).as(f.provider().id() + " IPv6").isEqualTo(v6);
      Set<String> distinct = new HashSet<>();
      expected.forEach(p -> distinct.add(p.v4() + "|" + p.start() + "|" + p.length()));
      assertThat(RangeTable.ofFiles(List.of(f)).prefixCount()).as(f.provider().id() + " distinct prefixes").isEqualTo(distinct.size());
      assertThat(table.prefixCounts().get(f.provider())).as(f.provider().id() + " in the shared table").isEqualTo(distinct.size());
    }
    assertThat(table.prefixCounts()).hasSize(FILES.size());
  }

  @Test
  void firstAndLastAddressesOfPublishedPrefixesAndTheirNeighboursGetTheLongestMatch() {
    PrefixIndex all = PrefixIndex.of(published.values());
    int checked = 0;
    int outside = 0;
    for (List<Published> list : published.values()) {
      int stride = Math.max(1, list.size() / 40);
      for (int i = 0; i < list.size(); i += stride) {
        Published p = list.get(i);
        BigInteger max = BigInteger.ONE.shiftLeft(p.v4() ? 32 : 128);
        for (BigInteger a : List.of(p.start(), p.end(), p.start().subtract(BigInteger.ONE), p.end().add(BigInteger.ONE))) {
          if (a.signum() >= 0 && a.compareTo(max) < 0) {
            outside += checkOne(all.holding(p.v4(), a), p.v4(), a) ? 0 : 1;
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(900);
    assertThat(outside).as("addresses just outside every range").isPositive();
  }

  /** Checks one address against every published entry holding it; returns whether there is any. */
  private static boolean checkOne(List<Published> holding, boolean v4, BigInteger a) {
    IpAddress address = Published.address(v4, a);
    ProviderRange got = table.lookup(address);
    if (holding.isEmpty()) {
      assertThat(got).as(address.toString()).isNull();
      return false;
    }
    int longest = holding.stream().mapToInt(Published::length).max().orElseThrow();
    List<Published> best = holding.stream().filter(p -> p.length() == longest).toList();
    assertThat(got).as(address.toString()).isNotNull();
    assertThat(got.prefix().length()).as(address + " prefix length").isEqualTo(longest);
    assertThat(Published.value(got.prefix().network())).as(address + " prefix").isEqualTo(best.get(0).start());
    assertThat(best.stream().map(Published::provider)).as(address + " provider").contains(got.provider().id());
    Set<String> ownRegions = regions(best, got.provider().id());
    Set<String> enclosingRegions = regions(holding, got.provider().id());
    if (!ownRegions.isEmpty()) {
      assertThat(ownRegions).as(address + " region").contains(got.region());
    } else if (!enclosingRegions.isEmpty()) {
      assertThat(enclosingRegions).as(address + " region from an enclosing range").contains(got.region());
    } else {
      assertThat(got.region()).as(address + " region").isNull();
    }
    return true;
  }

  private static Set<String> regions(List<Published> list, String provider) {
    return list.stream().filter(p -> p.provider().equals(provider) && p.region() != null).map(Published::region)
        .collect(Collectors.toSet());
  }

  @Test
  void awsServicesOfAPrefixAreJoinedWithoutTheCatchAll() {
    Map<String, Set<String>> services = new LinkedHashMap<>();
    for (Published p : published.get("aws")) {
      services.computeIfAbsent(p.cidr(), k -> new HashSet<>()).add(p.service());
    }
    int multi = 0;
    for (Map.Entry<String, Set<String>> e : services.entrySet()) {
      Set<String> specific = new HashSet<>(e.getValue());
      specific.remove("AMAZON");
      if (specific.size() < 2) {
        continue;
      }
      multi++;
      Published p = Published.of("aws", e.getKey(), null, null);
      ProviderRange got = table.lookup(Published.address(p.v4(), p.start()));
      if (got.prefix().length() == p.length()) {
        assertThat(Set.of(got.service().split(","))).as(e.getKey()).isEqualTo(specific);
      }
    }
    assertThat(multi).as("AWS prefixes with several specific services").isPositive();
  }

  @Test
  void aNestedAwsPrefixWinsOverTheRangeAroundIt() {
    PrefixIndex aws = PrefixIndex.of(List.of(published.get("aws")));
    int found = 0;
    for (Published inner : published.get("aws")) {
      for (Published outer : aws.holding(inner.v4(), inner.start())) {
        if (outer.length() < inner.length() && inner.region() != null && !inner.region().equals(outer.region())) {
          ProviderRange got = table.lookup(Published.address(inner.v4(), inner.start()));
          assertThat(got.region()).as(inner.cidr() + " inside " + outer.cidr()).isEqualTo(inner.region());
          assertThat(got.prefix().length()).isEqualTo(inner.length());
          found++;
        }
      }
    }
    assertThat(found).as("nested AWS prefixes with another region").isPositive();
  }

  @Test
  void awsRangesMovedBetween2021And2025AndEachSnapshotGivesItsOwnAnswer() throws IOException {
    Path old = CorpusRanges.snapshot("2021-12-19").resolve("aws.json");
    List<Published> before = Published.aws(old);
    PrefixIndex then = PrefixIndex.of(List.of(before));
    PrefixIndex now = PrefixIndex.of(List.of(published.get("aws")));
    RangeTable thenTable = RangeTable.ofFiles(List.of(RangeFile.read(old)));
    RangeTable nowTable = RangeTable.ofFiles(List.of(RangeFile.read(dir.resolve(FILES.get("aws")))));
    int moved = 0;
    int gone = 0;
    for (Published p : before) {
      IpAddress a = Published.address(p.v4(), p.start());
      ProviderRange x = thenTable.lookup(a);
      ProviderRange y = nowTable.lookup(a);
      assertThat(x).isNotNull();
      assertThat(regions(then.longestHolding(p.v4(), p.start()), "aws")).as(a + " in 2021").contains(x.region());
      if (y == null) {
        assertThat(now.holding(p.v4(), p.start())).as(a + " in 2025").isEmpty();
        gone++;
      } else if (!y.region().equals(x.region())) {
        assertThat(regions(now.longestHolding(p.v4(), p.start()), "aws")).as(a + " in 2025").contains(y.region());
        moved++;
      }
    }
    assertThat(moved).as("addresses whose AWS region changed").isPositive();
    assertThat(gone).as("addresses AWS no longer lists").isPositive();
  }
}
