package org.abuseloop.bench.reaction;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpAddress;
import org.abuseloop.firewall.AllowList;
import org.abuseloop.firewall.BanOutcome;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.FirewallSettings;

/**
 * abuseloop's firewall alone, no log and no detector: {@code Firewall.nftables} (the batched firewall
 * on a long-lived {@code nft -i}, default settings) takes {@code count} bans at once, timed from the
 * first {@code ban()} to the last future completing (the kernel confirmed every transaction). Used by
 * one thread.
 *
 * @param count bans per run
 * @param runs bans/s of each run, in order
 * @param elements elements in the ban set at the end, as {@code nft list set} counts them
 */
record FirewallThroughput(int count, double[] runs, long elements) {

  static final String TABLE = "ablfw";

  static FirewallThroughput run(List<String> commandPrefix, int count, int runs) {
    FirewallSettings settings = FirewallSettings.defaults().withTable(TABLE).withCommandPrefix(commandPrefix);
    AllowList allow = AllowList.builder().privateBannable(true).build();
    double[] rates = new double[runs];
    int next = 0x0A000001; // 10.0.0.1 on: a private range made bannable, never used by the tools
    try (Firewall fw = Firewall.nftables(settings, allow, Clock.systemUTC())) {
      fw.install();
      for (int i = 0; i < 20_000; i++) { // warm-up: JIT of the ban list, batcher and script building
        fw.ban(IpAddress.ofIPv4(next++), Duration.ofMinutes(10));
      }
      fw.ban(IpAddress.ofIPv4(next++), Duration.ofMinutes(10)).join();
      for (int r = 0; r < runs; r++) {
        List<CompletableFuture<BanOutcome>> all = new ArrayList<>(count);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
          all.add(fw.ban(IpAddress.ofIPv4(next++), Duration.ofMinutes(10)));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        long took = System.nanoTime() - t0;
        for (CompletableFuture<BanOutcome> f : all) {
          if (f.join().status() != BanOutcome.Status.APPLIED) {
            throw new IllegalStateException("ban not applied: " + f.join());
          }
        }
        rates[r] = count / (took / 1e9);
      }
      long elements = countElements(commandPrefix);
      fw.remove();
      return new FirewallThroughput(count, rates, elements);
    }
  }

  /** Counts the elements of the ban set: a check, outside the firewall's own bookkeeping, that every ban landed. */
  private static long countElements(List<String> commandPrefix) {
    List<String> argv = new ArrayList<>(commandPrefix);
    argv.addAll(List.of("nft", "list", "set", "inet", TABLE, "ban4"));
    String out = Namespace.run(argv);
    return out.chars().filter(c -> c == ',').count() + (out.contains("elements = {") ? 1 : 0);
  }

  double median() {
    double[] s = runs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bans_per_run", count);
    m.put("bans_per_second_runs", Arrays.stream(runs).mapToObj(r -> Math.round(r)).toList());
    m.put("bans_per_second_median", Math.rint(median()));
    m.put("elements_in_set_at_end", elements);
    m.put("elements_expected_at_end", 20_001L + (long) count * runs.length);
    return m;
  }
}
