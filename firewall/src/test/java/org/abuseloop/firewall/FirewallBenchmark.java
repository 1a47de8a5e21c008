package org.abuseloop.firewall;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.abuseloop.core.IpAddress;
import org.abuseloop.firewall.BanOutcome.Status;
import org.abuseloop.logs.conformance.NetNamespace;

/**
 * A whole-run benchmark, run by hand as root: the reaction time from {@code ban()} to the kernel's
 * confirmation of the transaction that put the element in the set, and the throughput of a burst of
 * bans, for each backend, inside a network namespace of its own. Not thread-safe; a main program.
 *
 * <p>Run: {@code mvn -B -q -o -pl firewall -am test-compile && java -cp
 * core/target/classes:firewall/target/classes:firewall/target/test-classes
 * org.abuseloop.firewall.FirewallBenchmark [singles] [bursts] ["nice -n -10"]}
 */
public final class FirewallBenchmark {

  private static int next = 0x0A000000;

  private FirewallBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int singles = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int bursts = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    System.out.printf("load average: %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
    warmUp();
    try (NetNamespace ns = NetNamespace.create("bench")) {
      List<String> prefix = new ArrayList<>();
      if (args.length > 2) {
        // e.g. "nice -n -10": run the firewall commands at a higher priority than the rest of the machine
        prefix.addAll(List.of(args[2].split(" ")));
      }
      prefix.addAll(ns.prefix());
      FirewallSettings base = FirewallSettings.defaults().withTable("ablbench").withCommandPrefix(prefix);
      run("nftables, nft -i", Firewall.nftables(base, lan(), Clock.systemUTC()), ns, singles, bursts, true);
      run("nftables, nft -f - per batch", Firewall.nftables(base.withInteractive(false), lan(), Clock.systemUTC()), ns,
          singles / 5, bursts, true);
      run("ipset restore per batch", Firewall.ipset(base, lan(), Clock.systemUTC()), ns, singles / 5, bursts, false);
    }
  }

  /** Compiles the Java path (ban list, batcher, script building) before anything is timed. */
  private static void warmUp() {
    java.io.PrintStream nowhere = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    try (Firewall dry = Firewall.dryRun(nowhere, FirewallSettings.defaults(), lan(), Clock.systemUTC())) {
      for (int round = 0; round < 20; round++) {
        List<CompletableFuture<BanOutcome>> all = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
          all.add(ban(dry));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      }
    }
  }

  private static AllowList lan() {
    return AllowList.builder().privateBannable(true).build();
  }

  private static void run(String name, Firewall fw, NetNamespace ns, int singles, int bursts, boolean nft) {
    try (fw) {
      fw.install();
      for (int i = 0; i < 500; i++) {
        ban(fw).join();
      }
      if (nft) {
        // First, while the set is small: nft's get element reads the whole set into its cache.
        visibility(name, fw, ns, Math.max(100, singles / 10));
      }
      long[] reaction = new long[singles];
      for (int i = 0; i < singles; i++) {
        LockSupport.parkNanos(1_000_000);
        long t0 = System.nanoTime();
        BanOutcome o = ban(fw).join();
        reaction[i] = System.nanoTime() - t0;
        check(o);
      }
      Arrays.sort(reaction);
      System.out.printf(Locale.ROOT, "%-30s reaction (ban() to kernel confirmation), %d single bans 1 ms apart:"
          + " p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", name, singles,
          ms(reaction, 0.50), ms(reaction, 0.90), ms(reaction, 0.99), reaction[reaction.length - 1] / 1e6);

      for (int size : new int[] {5_000, 50_000}) {
        double[] rates = new double[bursts];
        long cpu0 = cpuNanos();
        for (int b = 0; b < bursts; b++) {
          List<CompletableFuture<BanOutcome>> all = new ArrayList<>(size);
          long t0 = System.nanoTime();
          for (int i = 0; i < size; i++) {
            all.add(ban(fw));
          }
          CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
          long took = System.nanoTime() - t0;
          for (CompletableFuture<BanOutcome> f : all) {
            check(f.join());
          }
          rates[b] = size / (took / 1e9);
        }
        double cpuPerBan = (cpuNanos() - cpu0) / 1e3 / ((double) size * bursts);
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%-30s burst of %,d bans, %d runs: median %,.0f bans/s (min %,.0f, max %,.0f),"
            + " last ban confirmed after %.1f ms at the median; CPU %.1f us per ban (JVM + firewall commands + kernel)%n",
            name, size, bursts, rates[bursts / 2], rates[0], rates[bursts - 1], size / rates[bursts / 2] * 1e3, cpuPerBan);
      }
      fw.remove();
    }
  }

  /**
   * Checks the completion signal: right after each ban's future completes, another nft session must
   * find the element with {@code get element}; prints how many it did not find (0 expected).
   */
  private static void visibility(String name, Firewall fw, NetNamespace ns, int count) {
    int missing = 0;
    try (NftSession observer = new InteractiveNft(FirewallSettings.defaults().withCommandPrefix(ns.prefix()))) {
      for (int i = 0; i < count; i++) {
        String address = IpAddress.ofIPv4(next).toString();
        check(ban(fw).join());
        try {
          observer.run("get element inet ablbench ban4 { " + address + " }");
        } catch (ChangeRejected notThere) {
          missing++;
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-30s completion check: %d of %d confirmed bans not found by another nft's"
        + " get element right after confirmation%n", name, missing, count);
  }

  /**
   * CPU used so far by this JVM, its live children (the nft -i) and its reaped children (one-shot
   * nft, ipset), user and system: what the bans cost whatever else the machine runs.
   */
  private static long cpuNanos() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
    long live = ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long reapedTicks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return jvm + live + reapedTicks * 10_000_000L;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static CompletableFuture<BanOutcome> ban(Firewall fw) {
    return fw.ban(IpAddress.ofIPv4(next++), Duration.ofMinutes(10));
  }

  private static void check(BanOutcome o) {
    if (o.status() != Status.APPLIED) {
      throw new IllegalStateException("ban not applied: " + o);
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
  }
}
