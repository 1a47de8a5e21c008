package org.abuseloop.cli.watch;

import org.abuseloop.logs.source.LogSource;
import org.abuseloop.logs.source.LogSources;
import org.abuseloop.logs.source.Position;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.detect.DetectionConfig;
import org.abuseloop.detect.Detector;
import org.abuseloop.detect.Scenario;
import org.abuseloop.detect.Settings;
import org.abuseloop.firewall.AllowList;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.FirewallSettings;
import org.abuseloop.logs.LineParser;
import org.abuseloop.logs.LogFormat;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.SyslogEnvelope;
import org.abuseloop.logs.TimeReader;
import org.abuseloop.store.Checkpoint;
import org.abuseloop.store.Store;

/**
 * A running {@code abuseloop watch}: one thread per source parsing its lines, one decision thread
 * running the detector and sending bans to the firewall, one recorder thread storing the bans with
 * the sources' checkpoints once the kernel has them and printing them, the firewall and its guard.
 * Thread-safe: {@link #close()} may be called from any thread (a shutdown hook) and waits for the
 * queued lines to be decided and the checkpoints saved.
 */
public final class Watch implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Watch.class.getName());
  /** How often the guard checks that the firewall table is still there. */
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);
  /** Batches waiting for the decision thread at most; a source thread waits when it is full. */
  static final int QUEUE = 4096;
  /** How long start waits for the files to be opened (a missing file is read once it appears). */
  static final Duration OPEN_WAIT = Duration.ofSeconds(5);

  private final Store store;
  private final Firewall firewall;
  private final FirewallGuard guard;
  private final DecisionLoop loop;
  private final BanRecorder recorder;
  private final Thread loopThread;
  private final List<LogSource> sources = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private final CountDownLatch ended;
  private final MetricsEndpoint endpoint;
  private volatile boolean closed;

  private Watch(WatchConfig config, Function<IpAddress, String> owners, WatchMetrics metrics, PrintStream out,
      Clock clock, HandRules handRules) throws IOException {
    Files.createDirectories(config.stateDir());
    store = Store.open(config.effectiveStoreUrl());
    DetectionConfig detection = detection(config);
    List<IpAddress> own = AllowList.hostAddresses();
    AllowList allow = AllowList.builder().allow(config.allow().cidrs()).own(own)
        .privateBannable(config.allow().allowPrivate()).build();
    Duration warm = WarmUp.timed(detection, config.bans(), allow, clock, metrics != null);
    LOG.log(Level.DEBUG, "warm-up of the parse, detect and ban path took {0} ms", warm.toMillis());
    Detector detector = Detector.builder(detection).hostAddresses(own).ownerLookup(owners).build();
    firewall = firewall(config.firewall(), allow, clock);
    guard = firewall == null ? null : new FirewallGuard(firewall, store, handRules, clock, out);
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
    BanAction action = guard == null ? new BanAction(firewall, () -> { }) : new BanAction(firewall, guard::suspect, guard::paused);
    recorder = recorder(config, metrics, out, clock);
    loop = new DecisionLoop(queue, detector, new BanPolicy(config.bans(), allow), config.bans(), action, clock, recorder);
    if (guard != null) {
      guard.onHandBan(loop::byHand);
    }
    loop.offenses(store.bans().offenses());
    loop.alreadyBanned(guard != null ? guard.installAndRestore() : store.bans().activeAt(clock.instant()));
    recorder.yieldingTo(() -> !queue.isEmpty()).start();
    loopThread = new Thread(loop, "abuseloop-decisions");
    loopThread.start();
    long window = window(detection).toMillis();
    List<SourceFeed> files = new ArrayList<>();
    for (WatchConfig.Source s : config.sources()) {
      Checkpoint saved = store.checkpoints().find(s.name()).orElse(null);
      Position start = resumable(s) && saved != null ? Position.parse(saved.position()) : null;
      ResumePoint resume = new ResumePoint(s.name(), start, saved == null ? 0 : saved.decidedLines(), window);
      LogSource source = open(s, start);
      LineParser parser = new LineParser(ParserCatalog.standard(), new LogFormat(new SyslogEnvelope(), s.service()),
          new TimeReader(s.zone(), clock.instant()), s.name());
      SourceFeed feed = new SourceFeed(resume, parser, queue, metrics);
      if (s.kind() == WatchConfig.SourceKind.FILE) {
        files.add(feed);
      }
      sources.add(source);
      readers.add(reader(source, feed));
    }
    ended = new CountDownLatch(readers.size());
    readers.forEach(Thread::start);
    awaitOpen(files);
    if (guard != null && !config.firewall().dryRun()) {
      guard.watch(CHECK_EVERY);
    }
    endpoint = config.metrics() == null || metrics == null ? null : MetricsEndpoint.start(metrics, config.metrics());
    out.println("watching " + sources.size() + " sources");
  }

  /** Starts watching: restores the bans, opens every source, and returns once they all read. */
  public static Watch start(WatchConfig config, Function<IpAddress, String> owners, WatchMetrics metrics,
      PrintStream out, Clock clock) throws IOException {
    return new Watch(config, owners, metrics, out, clock, HandRules.NONE);
  }

  /**
   * Starts watching with the rate limits and range blocks set by hand in the firewall's table too, so
   * that its recovery after a flush puts back everything {@code firewall restore} would.
   */
  public static Watch start(WatchConfig config, Function<IpAddress, String> owners, WatchMetrics metrics,
      PrintStream out, Clock clock, HandRules handRules) throws IOException {
    return new Watch(config, owners, metrics, out, clock, handRules);
  }

  /** Waits until every source has ended (stdin at its end) or {@link #close()} was called. */
  public void await() throws InterruptedException {
    ended.await();
  }

  /** Stops reading, decides what was read, saves the checkpoints; the firewall rules stay in place. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sources.forEach(LogSource::close);
    for (Thread t : readers) {
      join(t);
    }
    loop.stop();
    join(loopThread);
    recorder.close();
    if (guard != null) {
      guard.close();
    }
    if (firewall != null) {
      firewall.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
    store.close();
  }

  /** The recorder of this watch's bans; it tells the decision loop the offense counts the store has. */
  private BanRecorder recorder(WatchConfig config, WatchMetrics metrics, PrintStream out, Clock clock) {
    return new BanRecorder(store.bans()::record, config.bans(), clock, metrics, new ActionOutput(out, () -> System.err, clock),
        ban -> loop.recorded(ban));
  }

  /** Waits (a little) until every file that exists is open, so that "watching" means lines are read from then on. */
  private static void awaitOpen(List<SourceFeed> files) {
    long deadline = System.nanoTime() + OPEN_WAIT.toNanos();
    try {
      for (SourceFeed f : files) {
        f.awaitStart(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread reader(LogSource source, SourceFeed feed) {
    Thread t = new Thread(() -> {
      try {
        source.run(feed);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.log(Level.ERROR, "source " + source.name() + " stopped: " + e.getMessage(), e);
      } finally {
        ended.countDown();
      }
    }, "abuseloop-source-" + source.name());
    t.setDaemon(true);
    return t;
  }

  /**
   * The live source of {@code s}, resuming at {@code start}. A file without a checkpoint is read from
   * its end (like {@code tail -n0 -F}): the first run does not ban for old lines.
   */
  private static LogSource open(WatchConfig.Source s, Position start) throws IOException {
    return switch (s.kind()) {
      case FILE -> LogSources.followFile(s.path(), start, org.abuseloop.logs.source.Settings.defaults().withStartAtEnd(true));
      case JOURNAL -> LogSources.journal(List.of(), start);
      case SYSLOG_UDP -> LogSources.syslogUdp(s.address());
      case SYSLOG_TCP -> LogSources.syslogTcp(s.address());
      case STDIN -> LogSources.stdin(System.in);
    };
  }

  /** Files and the journal resume where they stopped; sockets and stdin cannot. */
  private static boolean resumable(WatchConfig.Source s) {
    return s.kind() == WatchConfig.SourceKind.FILE || s.kind() == WatchConfig.SourceKind.JOURNAL;
  }

  private static DetectionConfig detection(WatchConfig config) throws IOException {
    DetectionConfig d = config.scenarios() == null ? DetectionConfig.defaults() : DetectionConfig.load(config.scenarios());
    Settings s = d.settings();
    List<IpPrefix> allow = new ArrayList<>(s.allow());
    allow.addAll(config.allow().cidrs());
    return d.withSettings(s.withAllow(allow).withPrivateAndLoopback(config.allow().allowPrivate() || s.includePrivate(), s.includeLoopback()));
  }

  /** How far back the detector may need lines: its longest scenario's quiet time, plus a minute. */
  static Duration window(DetectionConfig detection) {
    Duration longest = Duration.ZERO;
    for (Scenario s : detection.scenarios()) {
      if (s.quiet().compareTo(longest) > 0) {
        longest = s.quiet();
      }
    }
    return longest.plusMinutes(1);
  }

  private static Firewall firewall(WatchConfig.Firewall f, AllowList allow, Clock clock) {
    FirewallSettings settings = FirewallSettings.defaults().withTable(f.table());
    if (f.backend() == WatchConfig.FirewallBackend.NONE) {
      return null;
    }
    if (f.dryRun()) {
      return Firewall.dryRun(System.err, settings, allow, clock);
    }
    return switch (f.backend()) {
      case NFTABLES -> Firewall.nftables(settings, allow, clock);
      case IPSET, IPTABLES -> Firewall.ipset(settings, allow, clock);
      case NONE -> null;
    };
  }

  private static void join(Thread t) {
    try {
      t.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
