package org.abuseloop.bench.reaction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.abuseloop.core.IpAddress;

/**
 * The reaction-time benchmark (issue 4, "Speed"): in a network namespace of its own, each tool follows a
 * log the benchmark appends sshd failures to, and a {@code nft monitor} child reports when each
 * attacker's address reaches the kernel set. Measures single attackers one after another (write of
 * the crossing line to the element in the set), a burst of attackers in one write, and abuseloop's
 * firewall alone; prints a table and writes {@code reaction.json}. A main program, one thread.
 *
 * <p>Usage: {@code ReactionRun --ns NAME --out DIR [--abuseloop "java -jar cli/target/abuseloop.jar"]
 * [--tools standin,abuseloop,fail2ban] [--singles 100] [--burst 5000] [--f2b-cap 180] [--fw 100000]}.
 */
public final class ReactionRun {

  /** The default sshd scenario's threshold (abuseloop sshd-bf, fail2ban maxretry): the 5th failure bans. */
  static final int THRESHOLD = 5;

  private final Options o;
  private final Namespace ns;
  private final SetObserver observer;

  private ReactionRun(Options o, Namespace ns, SetObserver observer) {
    this.o = o;
    this.ns = ns;
    this.observer = observer;
  }

  /** The command line; validated on construction. */
  record Options(String ns, Path out, List<String> abuseloop, List<String> tools, int warmup, int singles,
      int burst, int failures, int f2bCap, int cap, int fw, int fwRuns, int probes, String f2bBackend) {

    static Options parse(String[] args) {
      Map<String, String> a = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value, got " + args[i]);
        }
        a.put(args[i].substring(2), args[i + 1]);
      }
      String ns = require(a, "ns");
      Path out = Path.of(a.getOrDefault("out", "bench/out")).toAbsolutePath();
      String al = a.getOrDefault("abuseloop", "").strip();
      List<String> abuseloop = al.isEmpty() ? List.of() : List.of(al.split(" +"));
      List<String> tools = List.of(a.getOrDefault("tools", "standin,abuseloop,fail2ban").split(","));
      Options o = new Options(ns, out, abuseloop, tools, num(a, "warmup", 5), num(a, "singles", 100),
          num(a, "burst", 5000), num(a, "failures", 12), num(a, "f2b-cap", 180), num(a, "cap", 60),
          num(a, "fw", 100_000), num(a, "fw-runs", 3), num(a, "probes", 200), a.getOrDefault("f2b-backend", "auto"));
      if (o.singles > 199 || o.warmup > 50 || o.burst < 0 || o.burst > 65_536 || o.failures < THRESHOLD) {
        throw new IllegalArgumentException("singles <= 199, warmup <= 50, burst <= 65536, failures >= " + THRESHOLD);
      }
      return o;
    }

    private static String require(Map<String, String> a, String key) {
      String v = a.get(key);
      if (v == null) {
        throw new IllegalArgumentException("--" + key + " is required");
      }
      return v;
    }

    private static int num(Map<String, String> a, String key, int def) {
      return a.containsKey(key) ? Integer.parseInt(a.get(key)) : def;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machine", Machine.describe());
    try (Namespace ns = Namespace.create(o.ns)) {
      try (SetObserver observer = SetObserver.start(ns.prefix())) {
        new ReactionRun(o, ns, observer).run(report);
      }
      if (o.fw > 0) {
        // After the observer is gone: nft monitor printing 100k lines would take CPU from the firewall.
        progress("firewall only: Firewall.nftables, %,d bans at once, %d runs", o.fw, o.fwRuns);
        report.put("firewall_only", FirewallThroughput.run(ns.prefix(), o.fw, o.fwRuns).json());
        ns.dropTable(FirewallThroughput.TABLE);
      }
    }
    ((Map<String, Object>) report.get("machine")).put("load_after", Machine.load());
    Files.createDirectories(o.out);
    Path json = o.out.resolve("reaction.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
    System.out.println();
    System.out.println(Summary.text(report));
    System.out.println("results: " + json);
    if (Summary.failures(report) > 0) {
      System.exit(1);
    }
  }

  private void run(Map<String, Object> report) throws Exception {
    Path work = o.out.resolve("reaction-work");
    deleteTree(work);
    Files.createDirectories(work);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("namespace", o.ns);
    options.put("threshold", THRESHOLD);
    options.put("warmup_attackers", o.warmup);
    options.put("single_attackers", o.singles);
    options.put("burst_attackers", o.burst);
    options.put("burst_failures_each", o.failures);
    options.put("abuseloop_command", String.join(" ", o.abuseloop));
    report.put("options", options);

    progress("observer check: %d probes through a separate nft -i", o.probes);
    waitObserverReady();
    ObserverCheck check = ObserverCheck.run(ns.prefix(), observer, o.probes);
    report.put("observer", check.json());
    ns.dropTable(ObserverCheck.TABLE);

    List<ToolResult> results = new ArrayList<>();
    for (String tool : o.tools) {
      switch (tool.strip()) {
        case "standin" -> results.add(measure(new StandIn(ns.prefix()), work, true));
        case "abuseloop" -> {
          if (o.abuseloop.isEmpty()) {
            results.add(new ToolResult("abuseloop watch", Quantiles.EMPTY, Quantiles.EMPTY, 0, 0, null,
                "not run: no abuseloop command with a watch subcommand (--abuseloop)"));
          } else {
            List<String> cmd = new ArrayList<>(ns.prefix());
            cmd.addAll(o.abuseloop);
            results.add(measure(new AbuseloopWatch(cmd), work, true));
          }
        }
        case "fail2ban" -> results.addAll(fail2ban(work));
        default -> throw new IllegalArgumentException("unknown tool " + tool);
      }
    }
    report.put("tools", results.stream().map(ToolResult::json).toList());
    report.put("observer_other_lines", observer.otherLines());
  }

  /** fail2ban's singles with each backend (or the one asked for), then its burst with the faster one. */
  private List<ToolResult> fail2ban(Path work) throws Exception {
    List<String> backends = o.f2bBackend.equals("auto") ? List.of("pyinotify", "polling") : List.of(o.f2bBackend);
    List<ToolResult> singles = new ArrayList<>();
    for (String b : backends) {
      singles.add(measure(new Fail2ban(ns.prefix(), b), work, false));
    }
    if (o.burst == 0) {
      return singles;
    }
    int fastest = 0;
    for (int i = 1; i < singles.size(); i++) {
      if (singles.get(i).singles().p50() < singles.get(fastest).singles().p50()) {
        fastest = i;
      }
    }
    Fail2ban f = new Fail2ban(ns.prefix(), backends.get(fastest));
    ToolResult burst = measureBurstOnly(f, work);
    singles.set(fastest, singles.get(fastest).withBurst(burst.burst(),
        ToolResult.join("burst on a fresh fail2ban-server (the faster backend on single attackers)", burst.note())));
    return singles;
  }

  private ToolResult measure(Contender c, Path work, boolean withBurst) throws Exception {
    Path dir = Files.createDirectories(work.resolve(slug(c.name())));
    Path log = Files.createFile(dir.resolve("auth.log"));
    observer.reset();
    progress("%s: starting", c.name());
    try (c; AttackLog attack = new AttackLog(log)) {
      c.start(log, dir);
      long[] warm = singles(c, attack, o.warmup, i -> IpAddress.ofIPv4(0xC612C809 + (i << 8))); // 198.18.200+i.9
      progress("%s: %d single attackers", c.name(), o.singles);
      long[] timed = singles(c, attack, o.singles, i -> IpAddress.ofIPv4(0xC6120007 + ((i + 1) << 8))); // 198.18.1+i.7
      int missed = (int) Arrays.stream(timed).filter(t -> t == MISSED).count();
      int pre = (int) Arrays.stream(timed).filter(t -> t == COVERED).count();
      String note = early == 0 ? "" : early + " single attackers were in the set before write() returned (counted as 0 ms)";
      ToolResult r = new ToolResult(c.name(), Quantiles.ofNanos(valid(warm)), Quantiles.ofNanos(valid(timed)),
          missed, pre, null, ToolResult.join(note, missed > 0 ? "last output: " + lastLine(c.tail()) : ""));
      progress("%s: reaction p50/p90/p99/max %s ms (missed %d)", c.name(), r.singles().text(), missed);
      if (withBurst && o.burst > 0) {
        r = r.withBurst(burst(c, attack, o.cap), null);
      }
      return r;
    } catch (RuntimeException e) {
      return new ToolResult(c.name(), Quantiles.EMPTY, Quantiles.EMPTY, 0, 0, null,
          "failed: " + e.getMessage() + " | " + lastLine(c.tail()));
    } finally {
      ns.dropTable(c.table());
    }
  }

  private ToolResult measureBurstOnly(Contender c, Path work) throws Exception {
    Path dir = Files.createDirectories(work.resolve(slug(c.name()) + "-burst"));
    Path log = Files.createFile(dir.resolve("auth.log"));
    observer.reset();
    progress("%s: starting for the burst", c.name());
    try (c; AttackLog attack = new AttackLog(log)) {
      c.start(log, dir);
      singles(c, attack, o.warmup, i -> IpAddress.ofIPv4(0xC612C809 + (i << 8)));
      return new ToolResult(c.name(), Quantiles.EMPTY, Quantiles.EMPTY, 0, 0, burst(c, attack, o.f2bCap), "");
    } catch (RuntimeException e) {
      return new ToolResult(c.name(), Quantiles.EMPTY, Quantiles.EMPTY, 0, 0, null, "burst failed: " + e.getMessage());
    } finally {
      ns.dropTable(c.table());
    }
  }

  private static final long MISSED = Long.MIN_VALUE;
  private static final long COVERED = Long.MIN_VALUE + 1;

  /** Single attackers of the last {@link #singles} call seen in the set before the write() call returned. */
  private int early;

  /**
   * Attackers one after another: THRESHOLD-1 failures in one write, a pause of 50 to 1050 ms (random
   * and longer than fail2ban's 1 s polling cycle, so the crossing line falls anywhere in that cycle
   * instead of locking to its phase), then the crossing failure; the time from its write to the address
   * in the set, MISSED or COVERED for each.
   */
  private long[] singles(Contender c, AttackLog attack, int count, java.util.function.IntFunction<IpAddress> address)
      throws InterruptedException {
    long[] out = new long[count];
    int missedInRow = 0;
    early = 0;
    for (int i = 0; i < count; i++) {
      IpAddress a = address.apply(i);
      attack.append(attack.rounds(List.of(a), THRESHOLD - 1));
      Thread.sleep(50 + ThreadLocalRandom.current().nextInt(1001));
      if (observer.coveredAt(c.table(), a) >= 0) {
        out[i] = COVERED;
        continue;
      }
      long t0 = attack.append(attack.failure(a));
      long t1 = observer.await(c.table(), a, t0 + TimeUnit.SECONDS.toNanos(10));
      // Under load the writer may be descheduled right after write() while the tool reacts: then the set
      // changes before the writer reads the clock. That is a reaction faster than this can measure: 0.
      early += t1 >= 0 && t1 < t0 ? 1 : 0;
      out[i] = t1 < 0 ? MISSED : Math.max(0, t1 - t0);
      missedInRow = t1 < 0 ? missedInRow + 1 : 0;
      if (missedInRow == 3) {
        Arrays.fill(out, i + 1, count, MISSED);
        progress("%s: three attackers in a row not banned within 10 s, stopping its singles", c.name());
        break;
      }
    }
    return out;
  }

  /** The burst: every attacker's failures in one write, round by round; waits for all, at most capSeconds. */
  private BurstResult burst(Contender c, AttackLog attack, int capSeconds) throws InterruptedException {
    List<IpAddress> attackers = new ArrayList<>(o.burst);
    for (int i = 0; i < o.burst; i++) {
      // One attacker per /24 (11.0.0.1, 11.0.1.1, ...), so no scenario by prefix turns the hosts into network
      // bans and every tool has the same 5,000 host bans to make. 11.0.0.0/8 is only written in a log and
      // a set inside the namespace; no packet is sent to it.
      attackers.add(IpAddress.ofIPv4(0x0B000001 + (i << 8)));
    }
    String text = attack.rounds(attackers, o.failures);
    Thread.sleep(1000);
    progress("%s: burst of %,d attackers x %d failures (%,d bytes in one write), waiting up to %d s", c.name(),
        o.burst, o.failures, text.length(), capSeconds);
    long t0 = attack.append(text);
    long[] at = observer.awaitAll(c.table(), attackers, t0 + TimeUnit.SECONDS.toNanos(capSeconds));
    int asHost = (int) attackers.stream().filter(a -> observer.hostSeen(c.table(), a)).count();
    BurstResult b = BurstResult.of(t0, at, asHost, o.failures, capSeconds);
    progress("%s: %,d of %,d banned, last after %.1f ms", c.name(), b.banned(), b.attackers(), b.lastMs());
    return b;
  }

  private void waitObserverReady() throws InterruptedException {
    // nft monitor subscribes right after it starts; give it a moment before the first probe counts.
    Thread.sleep(300);
  }

  private static long[] valid(long[] v) {
    return Arrays.stream(v).filter(t -> t >= 0).toArray();
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static void progress(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(System.currentTimeMillis(), args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
