package org.abuseloop.cli.watch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.firewall.AllowList;
import org.abuseloop.logs.LineParser;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.SyslogEnvelope;
import org.abuseloop.logs.TimeReader;
import org.abuseloop.logs.source.Position;
import org.abuseloop.logs.source.SourceLine;
import org.abuseloop.store.Store;

/**
 * The decision path of {@code watch} without threads or a firewall: lines go through a real parser,
 * the detector, the decision loop and the recorder (run on the test's thread) into a SQLite store, on a clock the test moves. Not thread-safe;
 * one per test, and a second one on the same directory is a restart.
 */
final class WatchRig implements AutoCloseable {

  static final String SOURCE = "file:/var/log/auth.log";

  final SettableClock clock;
  final Store store;
  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(1024);
  private final DecisionLoop loop;
  private final BanRecorder recorder;
  private final SourceFeed feed;
  private final ResumePoint resume;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final List<String> file;
  private long position;

  /** A watch over {@code file} (the log's lines so far, shared with later restarts), resumed from its checkpoint. */
  WatchRig(Path dir, SettableClock clock, List<String> file, WatchConfig.Bans bans, WatchConfig.Allow allow)
      throws InterruptedException {
    this.file = file;
    this.clock = clock;
    this.store = Store.openIn(dir);
    DetectionConfig d = DetectionConfig.defaults();
    d = d.withSettings(d.settings().withAllow(allow.cidrs()).withPrivateAndLoopback(allow.allowPrivate(), false));
    Detector detector = Detector.builder(d).ownerLookup(a -> a.toString().startsWith("192.0.2.") ? "example-cloud" : null).build();
    AllowList allowList = AllowList.builder().allow(allow.cidrs()).privateBannable(allow.allowPrivate())
        .own(List.of(IpAddress.parse("198.51.100.1"))).build();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    recorder = recorder(bans, out);
    loop = new DecisionLoop(queue, detector, new BanPolicy(bans, allowList), bans, new BanAction(null, () -> { }), clock, recorder);
    loop.offenses(store.bans().offenses());
    loop.alreadyBanned(store.bans().activeAt(clock.instant()));
    var saved = store.checkpoints().find(SOURCE);
    Position start = saved.map(c -> Position.parse(c.position())).orElse(at(0));
    resume = new ResumePoint(SOURCE, start, saved.map(c -> c.decidedLines()).orElse(0L), Watch.window(d).toMillis());
    position = start.offset();
    LineParser parser = new LineParser(ParserCatalog.standard(), new LogFormat(new SyslogEnvelope(), null),
        new TimeReader(ZoneOffset.UTC, clock.instant()), SOURCE);
    feed = new SourceFeed(resume, parser, queue, null);
    if (position < file.size()) {
      feed(file.subList((int) position, file.size()));
    }
  }

  private BanRecorder recorder(WatchConfig.Bans bans, PrintStream out) {
    return new BanRecorder(store.bans()::record, bans, clock, null, new ActionOutput(out, () -> System.err, clock),
        ban -> loop.recorded(ban));
  }

  WatchRig(Path dir, SettableClock clock, List<String> file) throws InterruptedException {
    this(dir, clock, file, WatchConfig.Bans.defaults(), WatchConfig.Allow.defaults());
  }

  /** sshd failure lines from {@code source}, {@code n} of them one second apart from {@code at}. */
  static List<String> failures(String source, int n, Instant at) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(at.plusSeconds(i) + " gw sshd[812]: Failed password for root from " + source + " port " + (40000 + i) + " ssh2");
    }
    return lines;
  }

  /** Appends lines to the log and reads them as one batch, then decides it. */
  void append(List<String> lines) throws InterruptedException {
    file.addAll(lines);
    feed(lines);
  }

  private void feed(List<String> lines) throws InterruptedException {
    for (String l : lines) {
      byte[] b = l.getBytes(StandardCharsets.UTF_8);
      position++;
      feed.line(new SourceLine(SOURCE, Arrays.copyOf(b, b.length), position, at(position)));
    }
    feed.endOfBatch(at(position));
    while (!queue.isEmpty()) {
      loop.handle(queue.take());
    }
    recorder.recordQueued();
  }

  /** A file position whose offset counts lines, for this rig's list of lines. */
  private static Position at(long lines) {
    return Position.file(1, 1, lines, lines);
  }

  /** Saves the checkpoints as a clean stop does. */
  void stop() {
    loop.stop();
    loop.run();
    recorder.recordQueued();
  }

  /** The lines printed so far. */
  List<String> printed() {
    String text = printed.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  boolean banned(String target) {
    return store.bans().find(IpPrefix.parse(target)).map(b -> b.activeAt(clock.instant())).orElse(false);
  }

  @Override
  public void close() {
    store.close();
  }
}
