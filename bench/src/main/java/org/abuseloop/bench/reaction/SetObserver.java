package org.abuseloop.bench.reaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Watches the kernel's sets from outside the tool under test: a {@code nft monitor new elements} child
 * (inside the benchmark's namespace) read by one thread that stamps each line with {@link
 * System#nanoTime()} as soon as it is read, and remembers when each element first appeared. Thread-safe:
 * one reader thread writes, any thread may query.
 */
final class SetObserver implements AutoCloseable {

  /** An element wider than one address (a prefix ban) and when it was first seen. */
  private record Cover(String table, IpPrefix prefix, long at) {
  }

  private final Process process;
  private final Thread reader;
  private final Map<String, Long> hosts = new ConcurrentHashMap<>();
  private final List<Cover> covers = new CopyOnWriteArrayList<>();
  private final AtomicLong adds = new AtomicLong();
  private final AtomicLong otherLines = new AtomicLong();

  private SetObserver(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "nft-monitor-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code nft monitor new elements} behind {@code commandPrefix} (e.g. {@code ip netns exec NS}). */
  static SetObserver start(List<String> commandPrefix) {
    List<String> argv = new ArrayList<>(commandPrefix);
    argv.addAll(List.of("nft", "monitor", "new", "elements"));
    try {
      return new SetObserver(new ProcessBuilder(argv).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + argv, e);
    }
  }

  /** Forgets every element seen so far (between two tools using the same addresses). */
  void reset() {
    hosts.clear();
    covers.clear();
  }

  /** How many element additions were read, over the whole run. */
  long additions() {
    return adds.get();
  }

  /** The lines nft monitor printed that were not element events (errors would show here). */
  long otherLines() {
    return otherLines.get();
  }

  /** When {@code address} was first covered by an element of {@code table} (host or prefix), or -1. */
  long coveredAt(String table, IpAddress address) {
    Long host = hosts.get(table + ' ' + address);
    long best = host == null ? -1 : host;
    for (Cover c : covers) {
      if (c.table.equals(table) && c.prefix.contains(address) && (best < 0 || c.at < best)) {
        best = c.at;
      }
    }
    return best;
  }

  /** True when {@code address} is in a set of {@code table} as a host element (not only inside a prefix). */
  boolean hostSeen(String table, IpAddress address) {
    return hosts.containsKey(table + ' ' + address);
  }

  /** Waits until {@code address} is covered in {@code table} or the deadline passes; the time seen, or -1. */
  long await(String table, IpAddress address, long deadlineNanos) {
    for (;;) {
      long at = coveredAt(table, address);
      if (at >= 0 || System.nanoTime() > deadlineNanos) {
        return at;
      }
      LockSupport.parkNanos(100_000);
    }
  }

  /**
   * Waits until every address is covered in {@code table} or the deadline passes, then returns the
   * time each was first covered (-1 for those never seen). Polls once a millisecond: the times come
   * from the reader thread, so the polling does not blur them.
   */
  long[] awaitAll(String table, List<IpAddress> addresses, long deadlineNanos) {
    long[] at = new long[addresses.size()];
    java.util.Arrays.fill(at, -1);
    int missing = addresses.size();
    while (missing > 0 && System.nanoTime() <= deadlineNanos) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      missing = fill(table, addresses, at);
    }
    fill(table, addresses, at);
    return at;
  }

  private int fill(String table, List<IpAddress> addresses, long[] at) {
    int missing = 0;
    for (int i = 0; i < at.length; i++) {
      if (at[i] < 0) {
        at[i] = coveredAt(table, addresses.get(i));
        missing += at[i] < 0 ? 1 : 0;
      }
    }
    return missing;
  }

  /**
   * The prefix length of a set of masked addresses, or -1: abuseloop keeps its network bans in hash
   * sets named {@code net4_24}, {@code net6_64} ... whose elements are network addresses matched
   * through a mask ({@code ip saddr & 255.255.255.0 @net4_24}), so nft prints them without a length.
   */
  static int maskedLength(String set) {
    if ((set.startsWith("net4_") || set.startsWith("net6_")) && set.length() > 5 && set.length() <= 8) {
      String digits = set.substring(5);
      if (digits.chars().allMatch(Character::isDigit)) {
        return Integer.parseInt(digits);
      }
    }
    return -1;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        long now = System.nanoTime();
        MonitorLine.parse(line).ifPresentOrElse(m -> record(m, now), otherLines::incrementAndGet);
      }
    } catch (IOException e) {
      // The process was stopped.
    }
  }

  private void record(MonitorLine m, long now) {
    if (!m.isAdd()) {
      return;
    }
    int length = maskedLength(m.set());
    for (String key : m.elements()) {
      adds.incrementAndGet();
      if (key.indexOf('/') < 0 && length < 0) {
        hosts.putIfAbsent(m.table() + ' ' + key, now);
      } else {
        IpPrefix p = IpPrefix.parse(length < 0 ? key : key + "/" + length);
        if (p != null) {
          covers.add(new Cover(m.table(), p, now));
        }
      }
    }
  }
}
