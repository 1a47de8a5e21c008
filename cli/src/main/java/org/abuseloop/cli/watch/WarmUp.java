package org.abuseloop.cli.watch;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.abuseloop.core.Service;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.firewall.AllowList;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.FirewallSettings;
import org.abuseloop.logs.LineParser;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.SyslogEnvelope;
import org.abuseloop.logs.TimeReader;
import org.abuseloop.logs.source.Position;
import org.abuseloop.logs.source.SourceLine;
import org.abuseloop.store.Ban;

/**
 * A start-up step of {@code watch}: runs synthetic sshd failures through the code a burst runs, with
 * parts of its own that are then thrown away, so that a burst arriving right after start does not run
 * in the interpreter: the source feed and parser, a detector, the decision loop, the firewall's ban
 * path up to the nft script (a dry-run firewall printing to nowhere), and the recorder with its
 * output lines (to nowhere) and metrics; only the store is left out (nothing is stored). Not
 * thread-safe (called once, on the starting thread).
 */
final class WarmUp {

  /** Failures per synthetic source: enough for the default scenarios to open incidents. */
  static final int FAILURES = 12;
  /** Synthetic sources: one per /24 of 198.19.0.0/16 (half the benchmarking range 198.18.0.0/15), the rest in 2001:db8::/32. */
  static final int SOURCES = 4_000;
  /** Lines per synthetic read, as the follower hands them on. */
  static final int LINES_PER_READ = 256;

  private WarmUp() {}

  /**
   * Runs the warm-up with {@code detection} and the watch's ban settings and allow list, on
   * {@code clock}; returns how many bans it decided (each sent to a dry-run firewall and recorded
   * nowhere), which keeps the work alive.
   */
  static long run(DetectionConfig detection, WatchConfig.Bans bans, AllowList allow, Clock clock, boolean metrics) {
    Instant now = clock.instant();
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    Firewall firewall = Firewall.dryRun(nowhere, FirewallSettings.defaults(), allow, clock);
    long[] decided = new long[1];
    BanRecorder recorder = new BanRecorder((offenses, escalation, checkpoints) -> {
      List<Ban> out = new ArrayList<>(offenses.size());
      offenses.forEach(o -> out.add(new Ban(o.target(), o.scenario(), o.at(), o.at(), o.at().plus(escalation.lengthFor(1)), 1, null)));
      decided[0] += out.size();
      return out;
    }, bans, clock, metrics ? new WatchMetrics() : null, new ActionOutput(nowhere, () -> nowhere, clock), b -> { });
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(LINES_PER_READ);
    DecisionLoop loop = new DecisionLoop(queue, Detector.builder(detection).build(), new BanPolicy(bans, allow), bans,
        new BanAction(firewall, () -> { }), clock, recorder);
    LineParser parser = new LineParser(ParserCatalog.standard(), new LogFormat(new SyslogEnvelope(), Service.SSHD),
        new TimeReader(ZoneOffset.UTC, now), "warm-up");
    SourceFeed feed = new SourceFeed(new ResumePoint("warm-up", null, 0, Duration.ofMinutes(1).toMillis()), parser, queue,
        metrics ? new WatchMetrics() : null);
    String stamp = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC).format(now);
    long line = 0;
    long offset = 0;
    try {
      for (int round = 0; round < FAILURES; round++) {
        for (int s = 0; s < SOURCES; s++) {
          byte[] b = (stamp + " warm-up sshd[" + (1000 + s) + "]: Failed password for root from " + address(s)
              + " port " + (40000 + round) + " ssh2\n").getBytes(StandardCharsets.US_ASCII);
          offset += b.length;
          feed.line(new SourceLine("warm-up", b, ++line, Position.file(0, 0, offset, line)));
          if (line % LINES_PER_READ == 0) {
            feed.endOfBatch(Position.file(0, 0, offset, line));
            decide(queue, loop, recorder);
          }
        }
      }
      feed.endOfBatch(Position.file(0, 0, offset, line));
      decide(queue, loop, recorder);
    } finally {
      firewall.close();
    }
    return decided[0];
  }

  private static void decide(BlockingQueue<Batch> queue, DecisionLoop loop, BanRecorder recorder) {
    for (Batch b = queue.poll(); b != null; b = queue.poll()) {
      loop.handle(b);
    }
    recorder.recordQueued();
  }

  /**
   * One IPv4 source per /24 of 198.19.0.0/16 (256 of them; bench/reaction.sh's attackers are in
   * 198.18.0.0/16 and 11.0.0.0/8), then IPv6 ones each in a /64 of its own.
   */
  private static String address(int s) {
    return s < 256 ? "198.19." + s + ".7" : "2001:db8:" + Integer.toHexString(s) + "::1";
  }

  /**
   * {@link #run}, then a collection so that the burst starts with an empty young generation (the
   * warm-up's garbage would otherwise be collected in the middle of it); how long it all took.
   */
  static Duration timed(DetectionConfig detection, WatchConfig.Bans bans, AllowList allow, Clock clock, boolean metrics) {
    long t0 = System.nanoTime();
    run(detection, bans, allow, clock, metrics);
    System.gc();
    return Duration.ofNanos(System.nanoTime() - t0);
  }
}
